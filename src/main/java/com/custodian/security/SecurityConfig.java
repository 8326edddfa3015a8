package com.custodian.security;

import java.time.Duration;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import com.custodian.directory.EntraConfigured;
import com.custodian.directory.EntraProperties;
import com.custodian.security.entra.EntraSignIn;
import com.custodian.security.ui.SignInView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * Web and method security. Views are guarded by their access annotations, service methods by
 * {@code @PreAuthorize}: method security is on, so a service refuses a caller without the
 * permission even when no view stands in front of it. (JSR-250 method security stays off: it would
 * proxy the views, whose {@code @RolesAllowed} is Vaadin's to read.)
 * <p>
 * Sign-in is Microsoft Entra ID when a tenant is configured, else the default run's local sign-in.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    private static void common(HttpSecurity http, SignInAuthorities authorities, Environment environment)
            throws Exception {
        Duration recheckAfter = environment.getProperty("custodian.security.recheck-permissions-after", Duration.class,
                Duration.ofSeconds(15));
        // The holder this application context's filters use (Vaadin installs its own).
        SecurityContextHolderStrategy holder = http.getSharedObject(ApplicationContext.class)
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        AuthorityRefreshFilter refresh = new AuthorityRefreshFilter(authorities, recheckAfter, holder);
        http.getSharedObject(ApplicationContext.class).getBean(PermissionChanges.class).notify(refresh);
        http.addFilterAfter(refresh, SecurityContextHolderFilter.class);
        Duration idle = environment.getProperty("custodian.security.idle-timeout", Duration.class, Duration.ofMinutes(30));
        Duration lifetime = environment.getProperty("custodian.security.session-lifetime", Duration.class,
                Duration.ofHours(12));
        http.addFilterAfter(new SessionLimitsFilter(idle, lifetime,
                http.getSharedObject(ApplicationContext.class).getBean(AccountWatch.class), holder),
                AuthorityRefreshFilter.class);
        http.authorizeHttpRequests(requests -> requests
                // The error page of a request already refused or failed (a wrong method on an API):
                // its status (405, 415…) reaches the caller instead of a sign-in redirect.
                .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/styles/**", "/images/**").permitAll());
    }

    @Configuration
    @Conditional(EntraConfigured.No.class)
    static class LocalSignInSecurity {

        @Bean
        SecurityFilterChain localSignInFilterChain(HttpSecurity http, SignInAuthorities authorities,
                Environment environment) throws Exception {
            common(http, authorities, environment);
            http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(SignInView.class));
            // Vaadin exempts its sign-in form from the CSRF check; a form on another site could then sign a
            // victim's browser into an account of the attacker's. The form sends the page's token: require it.
            org.springframework.security.web.csrf.CsrfFilter signInCsrf = new org.springframework.security.web.csrf
                    .CsrfFilter(new org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository());
            signInCsrf.setRequireCsrfProtectionMatcher(org.springframework.security.web.servlet.util.matcher
                    .PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, "/login"));
            // A token that does not match this session is also what an honest person sends: the page stood open
            // past the session's idle timeout, or two first requests of the browser made two sessions and the
            // page's token belongs to the other one. Back to the sign-in page, which says so; nobody is signed in.
            signInCsrf.setAccessDeniedHandler((request, response, refused) -> response
                    .sendRedirect(request.getContextPath() + "/login?" + SignInView.EXPIRED));
            http.addFilterBefore(signInCsrf, org.springframework.security.web.authentication
                    .UsernamePasswordAuthenticationFilter.class);
            return http.build();
        }
    }

    @Configuration
    @Conditional(EntraConfigured.Yes.class)
    static class EntraSignInSecurity {

        @Bean
        EntraSignIn entraSignIn(EntraProperties entra, SignInAuthorities signInAuthorities,
                org.springframework.context.ApplicationEventPublisher events) {
            return new EntraSignIn(entra, UUID.fromString(entra.tenantId().strip()), signInAuthorities, events);
        }

        @Bean
        ClientRegistrationRepository clientRegistrations(
                EntraSignIn entraSignIn) {
            return entraSignIn.registrations();
        }

        @Bean
        SecurityFilterChain entraSignInFilterChain(HttpSecurity http, EntraSignIn entraSignIn,
                SignInAuthorities authorities, Environment environment) throws Exception {
            common(http, authorities, environment);
            entraSignIn.configure(http);
            http.with(VaadinSecurityConfigurer.vaadin(),
                    vaadin -> vaadin.oauth2LoginPage(EntraSignIn.SIGN_IN_PAGE, "{baseUrl}/login?signed-out"));
            return http.build();
        }
    }
}
