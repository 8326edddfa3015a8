package com.custodian.security.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The application starts while Entra cannot be reached; sign-in then says so on the sign-in page,
 * and works as soon as Entra answers, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EntraUnreachableAtStartTest {

    static final UUID TENANT = UUID.fromString("1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9");
    static final int ENTRA_PORT = freePort();
    static final MockOAuth2Server ENTRA = new MockOAuth2Server();

    @DynamicPropertySource
    static void entra(DynamicPropertyRegistry properties) {
        properties.add("custodian.entra.tenant-id", TENANT::toString);
        properties.add("custodian.entra.client-id", () -> "custodian-app");
        properties.add("custodian.entra.client-secret", () -> "secret");
        properties.add("custodian.entra.authority-host", () -> "http://localhost:" + ENTRA_PORT);
        properties.add("custodian.entra.graph-base-url", () -> "http://localhost:" + ENTRA_PORT);
        properties.add("custodian.entra.connect-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopEntra() {
        ENTRA.shutdown();
    }

    @Test
    void signInReportsEntraUnavailableThenWorksOnceItAnswers() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> refused = browser.send(request("/oauth2/authorization/entra"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error=unavailable"));

        ENTRA.start(ENTRA_PORT);
        ENTRA.enqueueCallback(new DefaultOAuth2TokenCallback(TENANT + "/v2.0", "someone", "JWT",
                List.of("custodian-app"), Map.of("tid", TENANT.toString(), "oid", UUID.randomUUID().toString()), 3600));
        HttpResponse<String> toEntra = browser.send(request("/oauth2/authorization/entra"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toEntra.statusCode()).isEqualTo(302);
        String authorize = toEntra.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith("http://localhost:" + ENTRA_PORT + "/" + TENANT + "/v2.0/authorize");
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> landed = browser.send(
                HttpRequest.newBuilder(URI.create(back.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
