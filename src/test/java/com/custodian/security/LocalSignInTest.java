package com.custodian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.ServerSessions;

/**
 * The default run's sign-in over real HTTP: the form posts to Spring Security, a demo account gets
 * in, a wrong password does not, and the first sign-in time is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalSignInTest {

    private static final String OPERATOR_OBJECT_ID = "2b6f4c6d-9e3a-4c2d-9f73-5d9e4f3a1c03";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void operatorHasNeverSignedIn() {
        jdbc.update("update app_user set first_sign_in_at = null, last_sign_in_at = null where object_id = ?",
                OPERATOR_OBJECT_ID);
    }

    @Test
    void wrongPasswordIsRefusedAndRecordsNothing() throws Exception {
        HttpResponse<String> response = signIn("operator@contoso.test", "not-the-password");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
        assertThat(firstSignIn()).isNull();
    }

    @Test
    void demoAccountSignsInAndItsFirstSignInIsRecorded() throws Exception {
        HttpResponse<String> response = signIn("operator@contoso.test", "demo");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(firstSignIn()).isNotNull();

        HttpResponse<String> home = http.send(HttpRequest.newBuilder(url("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as("signed in, the application answers instead of sending to sign-in")
                .isEqualTo(200);
    }

    @Test
    void signingInChangesTheSessionIdAndTheApiIgnoresTheSession() throws Exception {
        http.send(HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String before = sessionId();
        assertThat(signIn("admin@contoso.test", "demo").statusCode()).isEqualTo(302);
        assertThat(sessionId()).as("a session fixed before sign-in is worth nothing after").isNotEqualTo(before);
        // The API takes bearer tokens only: a signed-in browser session (and its cookie) gets nothing.
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(url("/api/data-requests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }

    private String sessionId() {
        return cookies().getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .findFirst().orElseThrow().getValue();
    }

    @Test
    void aRoleTakenAwayReachesTheOpenSessionWithoutSigningInAgain() throws Exception {
        signIn("operator@contoso.test", "demo");
        assertThat(ServerSessions.authorities(context, cookies())).contains("ROLE_APP_USER", "ROLE_VIEW_DEVICES");
        List<Map<String, Object>> assignments = jdbc.queryForList("select user_id, role_id from role_assignment "
                + "where user_id = (select id from app_user where object_id = ?)", OPERATOR_OBJECT_ID);
        jdbc.update("delete from role_assignment where user_id = ?", assignments.getFirst().get("user_id"));
        try {
            http.send(HttpRequest.newBuilder(url("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ServerSessions.authorities(context, cookies())).isEmpty();
        } finally {
            for (Map<String, Object> assignment : assignments) {
                jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)", assignment.get("user_id"),
                        assignment.get("role_id"));
            }
        }
    }

    @Test
    void anonymousRequestIsSentToTheSignInPage() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/users")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void aSignInWithoutThePagesTokenIsRefused() throws Exception {
        // As a form on another site would post it: no token of the sign-in page.
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin%40contoso.test&password=demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?expired"));
        assertThat(http.send(HttpRequest.newBuilder(url("/users")).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("not signed in").isEqualTo(302);
        assertThat(signIn("admin@contoso.test", "demo").statusCode()).as("with the token it works").isEqualTo(302);
    }

    @Test
    void aPagesTokenOfAnotherSessionSendsBackToSignInWhereTheNextTryWorks() throws Exception {
        // Two first requests of one browser made two sessions; the cookie kept the other page's session.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(url("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("the page carries its token").isTrue();
        HttpClient otherTab = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        otherTab.send(HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = otherTab.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator%40contoso.test&password=demo&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).as("no error page: back to the form").isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?expired"));
        assertThat(firstSignIn()).as("nobody signed in").isNull();
        HttpResponse<String> again = otherTab.send(HttpRequest.newBuilder(url("/login?expired")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        Matcher fresh = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(again.body());
        assertThat(fresh.find()).isTrue();
        HttpResponse<String> signedIn = otherTab.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator%40contoso.test&password=demo&_csrf="
                        + URLEncoder.encode(fresh.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("login"));
        assertThat(firstSignIn()).isNotNull();
    }

    @Test
    void theBrowsersOwnRequestForFaviconIcoIsAStaticFileAndMakesNoSession() throws Exception {
        // Asked for beside a page that is opening (after a JSON or a download): a session made here would
        // race the page's own, whose sign-in token it would then not hold.
        HttpResponse<byte[]> icon = http.send(HttpRequest.newBuilder(url("/favicon.ico")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
        assertThat(icon.headers().allValues("Set-Cookie")).isEmpty();
    }

    private HttpResponse<String> signIn(String email, String password) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(url("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        if (csrf.find()) {
            form += "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        }
        return http.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Timestamp firstSignIn() {
        return jdbc.queryForObject("select first_sign_in_at from app_user where object_id = ?", Timestamp.class,
                OPERATOR_OBJECT_ID);
    }

    private CookieManager cookies() {
        return (CookieManager) http.cookieHandler().orElseThrow();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
