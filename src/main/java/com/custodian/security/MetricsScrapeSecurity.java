package com.custodian.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The metrics endpoint for a Prometheus scraper ({@code /actuator/prometheus}): no session and no
 * sign-in, served only to a request bearing the token set in {@code CUSTODIAN_METRICS_TOKEN}. With no
 * token set, nobody is served. The metrics carry counts and timings, never personal data.
 */
@Configuration
class MetricsScrapeSecurity {

    static final String ENDPOINT = "/actuator/prometheus";

    @Bean
    @Order(0)
    SecurityFilterChain metricsScrapeFilterChain(HttpSecurity http,
            @Value("${custodian.metrics.token:}") String token) throws Exception {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        http.securityMatcher(ENDPOINT)
                .authorizeHttpRequests(requests -> requests.anyRequest().access((authentication, context) ->
                        new AuthorizationDecision(!token.isBlank() && bears(context.getRequest(), expected))))
                .exceptionHandling(refusals -> refusals
                        .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** Compared in constant time, so that the answer's timing says nothing of the token. */
    private static boolean bears(HttpServletRequest request, byte[] expected) {
        String authorization = request.getHeader("Authorization");
        return authorization != null
                && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expected);
    }
}
