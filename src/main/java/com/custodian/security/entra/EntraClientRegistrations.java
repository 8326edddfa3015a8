package com.custodian.security.entra;

import java.net.http.HttpClient;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.custodian.directory.EntraProperties;
import com.custodian.security.IdTokenClaims;

/**
 * The sign-in client registration for the configured Entra tenant, found by OpenID Connect
 * discovery of the tenant-specific issuer. Discovery happens at the first sign-in, not at start, so
 * the application starts while Entra is unreachable; until discovery succeeds, sign-in reports
 * Entra as unavailable, and the next attempt tries again.
 */
public class EntraClientRegistrations implements ClientRegistrationRepository {

    public static final String REGISTRATION_ID = "entra";

    private static final Logger log = LoggerFactory.getLogger(EntraClientRegistrations.class);

    private final EntraProperties entra;
    private final RestClient http;
    private volatile ClientRegistration registration;

    public EntraClientRegistrations(EntraProperties entra) {
        this.entra = entra;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(entra.connectTimeout()).build());
        requests.setReadTimeout(entra.readTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** The registration, or null while Entra cannot be reached (as the interface asks for unknown IDs). */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        try {
            return registration();
        } catch (EntraUnavailableException e) {
            return null;
        }
    }

    /**
     * The registration, discovering the provider's endpoints first if that has not succeeded yet.
     *
     * @throws EntraUnavailableException when discovery fails
     */
    public ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration == null) {
                registration = discover();
            }
            return registration;
        }
    }

    private ClientRegistration discover() {
        String issuer = entra.issuer().toString();
        Map<String, Object> metadata;
        try {
            metadata = http.get().uri(issuer + "/.well-known/openid-configuration").retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() {
                    });
        } catch (RestClientException e) {
            log.warn("OpenID Connect discovery of {} failed: {}", issuer, e.getMessage());
            throw new EntraUnavailableException("Microsoft Entra ID could not be reached", e);
        }
        if (metadata == null || !issuer.equals(metadata.get("issuer"))) {
            log.warn("OpenID Connect discovery of {} named another issuer: {}", issuer,
                    metadata == null ? null : metadata.get("issuer"));
            throw new EntraUnavailableException("Microsoft Entra ID answered for another issuer", null);
        }
        log.info("Discovered the OpenID Connect endpoints of {}", issuer);
        return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Microsoft Entra ID")
                .clientId(entra.clientId())
                .clientSecret(entra.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(issuer)
                .authorizationUri(String.valueOf(metadata.get("authorization_endpoint")))
                .tokenUri(String.valueOf(metadata.get("token_endpoint")))
                .jwkSetUri(String.valueOf(metadata.get("jwks_uri")))
                .userNameAttributeName(IdTokenClaims.OBJECT_ID)
                .providerConfigurationMetadata(metadata)
                .build();
    }

    /** Entra's discovery endpoint did not answer as it should. */
    public static class EntraUnavailableException extends RuntimeException {
        EntraUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
