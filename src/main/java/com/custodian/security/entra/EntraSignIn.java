package com.custodian.security.entra;

import java.util.UUID;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;

import com.custodian.directory.EntraProperties;
import com.custodian.security.SignInAuthorities;

/**
 * Sign-in with Microsoft Entra ID: the OpenID Connect authorization-code flow against the
 * tenant-specific issuer, identity from {@code tid} + {@code oid}, authorities from Custodian's role
 * assignments, and sign-out that also ends the Entra session.
 */
public final class EntraSignIn {

    /** The route of the sign-in page, where failed and finished sign-ins return. */
    public static final String SIGN_IN_PAGE = "/login";

    private final EntraClientRegistrations registrations;
    private final EntraOidcUserService users;

    private final org.springframework.context.ApplicationEventPublisher events;

    public EntraSignIn(EntraProperties entra, UUID tenantId, SignInAuthorities signInAuthorities,
            org.springframework.context.ApplicationEventPublisher events) {
        this.registrations = new EntraClientRegistrations(entra);
        this.users = new EntraOidcUserService(tenantId, signInAuthorities);
        this.events = events;
    }

    public EntraClientRegistrations registrations() {
        return registrations;
    }

    /** Adds the OpenID Connect login to the filter chain. */
    public void configure(HttpSecurity http) throws Exception {
        http.oauth2Login(login -> login
                // The application's own sign-in page; Spring Security must not generate one.
                .loginPage(SIGN_IN_PAGE)
                .clientRegistrationRepository(registrations)
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                .failureHandler(new EntraSignInFailureHandler(events)));
        http.addFilterBefore(new EntraAvailabilityFilter(registrations), OAuth2AuthorizationRequestRedirectFilter.class);
    }
}
