package com.custodian.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.custodian.security.Identity;
import com.github.tomakehurst.wiremock.WireMockServer;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The application configured for a Microsoft Entra tenant, with real servers on loopback standing
 * in for Entra (an OpenID Connect provider whose issuers are {@code /{tenant}/v2.0}) and for
 * Microsoft Graph (an HTTP server the tests stub). Test classes extending it share one application
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EntraTestEnvironment {

    public static final UUID TENANT = UUID.fromString("9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    public static final String CLIENT_ID = "custodian-test-app";
    public static final MockOAuth2Server ENTRA = new MockOAuth2Server();
    public static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        ENTRA.start();
        GRAPH.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ENTRA.shutdown();
            GRAPH.stop();
        }, "entra-test-servers-stop"));
    }

    @DynamicPropertySource
    static void entra(DynamicPropertyRegistry properties) {
        String authority = ENTRA.baseUrl().toString();
        properties.add("custodian.entra.tenant-id", TENANT::toString);
        properties.add("custodian.entra.client-id", () -> CLIENT_ID);
        properties.add("custodian.entra.client-secret", () -> "test-secret");
        properties.add("custodian.entra.authority-host", () -> authority.substring(0, authority.length() - 1));
        properties.add("custodian.entra.graph-base-url", GRAPH::baseUrl);
        properties.add("custodian.entra.read-timeout", () -> "2s");
        // Short, so that the fault tests see a Retry-After exceed it and the circuit close again.
        properties.add("custodian.entra.max-retry-wait", () -> "1s");
        properties.add("custodian.entra.circuit-open-duration", () -> "2s");
    }

    /** The issuer of the tenant's tokens, as Entra names it. */
    public static String issuer() {
        return ENTRA.issuerUrl(TENANT + "/v2.0").toString();
    }

    /** The next ID token the provider issues names this identity, in the given tenant. */
    public static void nextSignInIs(Identity identity, UUID tokenTenant) {
        nextSignInIs(identity, tokenTenant, Map.of());
    }

    /** The next ID token names this identity and carries further claims (such as {@code groups}). */
    public static void nextSignInIs(Identity identity, UUID tokenTenant, Map<String, Object> moreClaims) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of(
                "tid", tokenTenant.toString(),
                "oid", identity.objectId().toString(),
                "name", "Test Person",
                "preferred_username", "person@contoso.test"));
        claims.putAll(moreClaims);
        ENTRA.enqueueCallback(new DefaultOAuth2TokenCallback(TENANT + "/v2.0", identity.objectId().toString(), "JWT",
                List.of(CLIENT_ID), claims, 3600));
    }
}
