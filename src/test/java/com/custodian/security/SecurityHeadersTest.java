package com.custodian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Response headers and the session cookie over real HTTP: a Content Security Policy Vaadin works
 * with (the browser journeys run under it), no sniffing, no framing, a referrer policy; the cookie
 * HttpOnly and SameSite, Secure and with HSTS once the proxy says the request came over HTTPS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void pagesCarryThePolicyAndTheCookieIsHttpOnlyAndSameSite() throws Exception {
        HttpResponse<String> page = get("/login", false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.headers().map().toString())
                .hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'", "object-src 'none'",
                        "frame-ancestors 'none'", "form-action 'self' https://login.microsoftonline.com"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // Vaadin sets SAMEORIGIN on its sign-in page; the policy's frame-ancestors 'none' is what browsers obey.
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValueSatisfying(frames -> assertThat(frames)
                .isIn("DENY", "SAMEORIGIN"));
        assertThat(get("/users", false).headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Permissions-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("camera=()", "geolocation=()"));
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
        assertThat(sessionCookie(page)).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void behindATlsProxyTheCookieIsSecureAndHstsIsSent() throws Exception {
        HttpResponse<String> page = get("/login", true);
        assertThat(sessionCookie(page)).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts -> assertThat(hsts)
                .contains("max-age="));
    }

    @Test
    void theApisAnswerWithAPolicyThatRunsNothing() throws Exception {
        for (String path : List.of("/api/data-requests", "/api/openapi.yaml")) {
            assertThat(get(path, false).headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(SecurityHeaders.API_POLICY);
        }
        HttpResponse<String> telemetry = http.send(HttpRequest.newBuilder(url("/api/devices/nobody/telemetry"))
                .header("Authorization", "DeviceKey wrong").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"temperature\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(telemetry.statusCode()).isEqualTo(401);
        assertThat(telemetry.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.API_POLICY);
        assertThat(telemetry.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(telemetry.headers().allValues("Set-Cookie")).as("no session for devices").isEmpty();
    }

    @Test
    void aWrongMethodOrMediaTypeOnTheApisIsSaidAsSuch() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(url("/api/data-requests")).PUT(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("PUT on the list").isIn(401, 405);
        HttpResponse<String> telemetry = http.send(HttpRequest.newBuilder(url("/api/devices/sensor-1/telemetry")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(telemetry.statusCode()).as("GET on the telemetry endpoint").isEqualTo(405);
        assertThat(telemetry.body()).doesNotContain("Exception", "at com.");
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(url("/api/devices/sensor-1/telemetry"))
                .header("Authorization", "DeviceKey wrong").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as("text/plain telemetry").isIn(401, 415);
    }

    private HttpResponse<String> get(String path, boolean viaTlsProxy) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (viaTlsProxy) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "custodian.example.com");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
