package com.custodian.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.custodian.security.local.LocalLoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * Web and method security. Views are guarded by their access annotations, service methods by
 * {@code @PreAuthorize}: method security is on, so a service refuses a caller without the
 * permission even when no view stands in front of it. (JSR-250 method security stays off: it would
 * proxy the views, whose {@code @RolesAllowed} is Vaadin's to read.)
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/styles/**", "/images/**").permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LocalLoginView.class));
        return http.build();
    }
}
