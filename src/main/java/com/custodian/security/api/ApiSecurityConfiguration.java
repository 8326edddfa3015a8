package com.custodian.security.api;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.custodian.directory.EntraConfigured;
import com.custodian.directory.EntraProperties;
import com.custodian.security.SignInAuthorities;

/**
 * The automation API ({@code /api/**} but the devices' telemetry): stateless, bearer tokens only.
 * With Entra, tokens of the tenant's issuer for this application (audience: its client ID or
 * {@code api://} client ID); in the default run, tokens of the local issuer.
 */
@Configuration
class ApiSecurityConfiguration {

    /** A validator, resolving the issuer's keys only when a first token arrives (the app starts with Entra down). */
    @Bean
    @Order(2)
    SecurityFilterChain apiFilterChain(HttpSecurity http, JwtDecoder apiTokens, ApiAuthentication apiAuthentication)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/token", "/api/openapi.yaml").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(apiTokens)
                        .jwtAuthenticationConverter(apiAuthentication)));
        return http.build();
    }

    @Configuration
    @Conditional(EntraConfigured.Yes.class)
    static class EntraTokens {

        /** Keys from the tenant's discovery document, fetched when the first token arrives. */
        @Bean
        JwtDecoder apiTokens(EntraProperties entra, com.custodian.security.entra.EntraSignIn entraSignIn) {
            String issuer = entra.issuer().toString();
            String clientId = entra.clientId().strip();
            return new SupplierJwtDecoder(() -> {
                String jwkSetUri = entraSignIn.registrations().registration().getProviderDetails().getJwkSetUri();
                org.springframework.http.client.JdkClientHttpRequestFactory requests =
                        new org.springframework.http.client.JdkClientHttpRequestFactory(java.net.http.HttpClient
                                .newBuilder().connectTimeout(entra.connectTimeout()).build());
                requests.setReadTimeout(entra.readTimeout());
                NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                        .restOperations(new org.springframework.web.client.RestTemplate(requests)).build();
                // v2.0 tokens name the v2.0 issuer; v1.0 tokens (the default for an app registration's
                // access tokens unless its manifest sets accessTokenAcceptedVersion 2) name sts.windows.net.
                List<String> issuers = entra.authorityHost().getHost().equals("login.microsoftonline.com")
                        ? List.of(issuer, "https://sts.windows.net/" + entra.tenantId().strip() + "/") : List.of(issuer);
                decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                        token -> token.getIssuer() != null && issuers.contains(token.getIssuer().toString())
                                ? OAuth2TokenValidatorResult.success()
                                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                                        "The token is not of this tenant's issuer", null)),
                        token -> audienceOf(token, List.of(clientId, "api://" + clientId))));
                return decoder;
            });
        }

        @Bean
        ApiAuthentication apiAuthentication(EntraProperties entra, SignInAuthorities authorities) {
            return new ApiAuthentication(UUID.fromString(entra.tenantId().strip()), authorities);
        }

        private static OAuth2TokenValidatorResult audienceOf(Jwt token, List<String> accepted) {
            return token.getAudience() != null && token.getAudience().stream().anyMatch(accepted::contains)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                            "The token is not for this application", null));
        }
    }

    @Configuration
    @Conditional(EntraConfigured.No.class)
    static class LocalTokens {

        @Bean
        LocalTokenIssuer localTokenIssuer(@Value("${custodian.local.tenant-id}") UUID tenant, Clock clock) {
            return new LocalTokenIssuer(tenant, clock);
        }

        @Bean
        JwtDecoder apiTokens(LocalTokenIssuer issuer) {
            return issuer.decoder();
        }

        @Bean
        ApiAuthentication apiAuthentication(@Value("${custodian.local.tenant-id}") UUID tenant,
                SignInAuthorities authorities) {
            return new ApiAuthentication(tenant, authorities);
        }
    }
}
