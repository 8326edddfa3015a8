package com.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.systemlog.RefusalTally;

/**
 * A thousand hostile requests from callers nobody knows (protected pages, made-up bearer tokens,
 * wrong passwords, made-up device IDs) add nothing to the administrators' audit trail and a handful
 * of summary rows to the system log: storage is bounded whatever such a caller sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The minute's summary must not fall in the middle of the flood: the test writes it itself.
@org.springframework.test.context.TestPropertySource(properties = "custodian.system-log.refusal-interval=1h")
class AnonymousFloodTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RefusalTally tally;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aThousandAnonymousRefusalsAddAHandfulOfRows() throws Exception {
        tally.summarise();
        long trail = count("audit_entry");
        long log = count("system_log");

        String csrf = csrfOfSignInPage();
        for (int i = 0; i < 250; i++) {
            assertThat(send(HttpRequest.newBuilder(url("/users?x=" + i)).GET())).isIn(302, 401, 403);
            assertThat(send(HttpRequest.newBuilder(url("/api/data-requests")).header("Authorization", "Bearer bogus" + i)
                    .GET())).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin%40contoso.test&password=wrong" + i
                            + "&_csrf=" + java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8)))))
                    .isEqualTo(302);
            assertThat(send(HttpRequest.newBuilder(url("/api/devices/made-up-" + i + "/telemetry"))
                    .header("Authorization", "DeviceKey nothing").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"temperature\": 1}")))).isEqualTo(401);
        }
        // People of the tenant without a role here sign in as often as they like: counted too.
        for (int i = 0; i < 20; i++) {
            HttpClient someone = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String token = csrfOf(someone);
            assertThat(someone.send(HttpRequest.newBuilder(url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=dana%40contoso.test&password=demo&_csrf="
                            + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
        }
        tally.summarise();

        assertThat(count("audit_entry") - trail).as("entries in the administrators' trail").isZero();
        assertThat(count("system_log") - log).as("rows in the system log").isBetween(4L, 7L);
        assertThat(jdbc.queryForList("select detail from system_log where event = 'access.refused' order by id desc "
                + "limit 4", String.class)).anySatisfy(detail -> assertThat(detail)
                        .contains("\"kind\":\"sign-in-without-role\"", "\"count\":20"));
        assertThat(jdbc.queryForList("select detail from system_log where event = 'access.refused' order by id desc "
                + "limit 5", String.class)).anySatisfy(detail -> assertThat(detail).contains("\"count\":250",
                        "\"kind\":\"bearer-token\"", "127.0.0.1", "/api/data-requests"))
                .anySatisfy(detail -> assertThat(detail).contains("\"kind\":\"sign-in\"", "\"count\":250"))
                .anySatisfy(detail -> assertThat(detail).contains("\"kind\":\"not-signed-in\""));
    }

    private String csrfOfSignInPage() throws Exception {
        return csrfOf(http);
    }

    private String csrfOf(HttpClient client) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(url("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    private int send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
