package com.custodian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP, with short limits: a session whose tab only sends Vaadin's heartbeats ends when
 * idle, one in use does not, and no session outlives its lifetime however busy. The next page asked
 * for is the "your session has ended" page, which says why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "custodian.security.idle-timeout=2s", "custodian.security.session-lifetime=5s" })
class SessionLimitsTest {

    @LocalServerPort
    int port;

    @Test
    void anIdleSessionEndsABusyOneGoesOnAndNoneOutlivesItsLifetime() throws Exception {
        HttpClient idle = client();
        HttpClient busy = client();
        signIn(idle, "operator@contoso.test");
        signIn(busy, "builder@contoso.test");
        assertThat(get(idle, "/devices").statusCode()).isEqualTo(200);

        long started = System.currentTimeMillis();
        while (System.currentTimeMillis() - started < 3000) {
            heartbeat(idle);
            assertThat(get(busy, "/devices").statusCode()).as("in use").isEqualTo(200);
            Thread.sleep(400);
        }
        // Ended at its first request after the idle time: a heartbeat's, as the tab sent it.
        assertThat(reason(idle)).isEqualTo("idle");
        assertThat(get(idle, "/devices").headers().firstValue("Location")).as("signed out")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(get(idle, "/session-ended").statusCode()).as("the page that says so").isEqualTo(200);

        assertThat(get(busy, "/devices").statusCode()).as("a busy session goes on").isEqualTo(200);
        HttpResponse<String> over;
        do {
            Thread.sleep(300);
            over = get(busy, "/devices");
        } while (over.statusCode() == 200 && System.currentTimeMillis() - started < 8000);
        assertThat(System.currentTimeMillis() - started).as("not before its lifetime").isGreaterThanOrEqualTo(4500);
        assertThat(over.statusCode()).as("its lifetime is over").isEqualTo(302);
        assertThat(over.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/session-ended"));
        assertThat(reason(busy)).isEqualTo("lifetime");
    }

    private static String reason(HttpClient client) {
        return ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("custodian-session-ended")).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private void heartbeat(HttpClient client) throws Exception {
        client.send(HttpRequest.newBuilder(url("/?v-r=heartbeat&v-uiId=0")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private void signIn(HttpClient client, String email) throws Exception {
        HttpResponse<String> page = get(client, "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
