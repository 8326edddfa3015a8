package com.custodian.base.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP: whatever address a person or a program asks for, and however the request is
 * wrong, the answer is the console's own error page (in the browser's language) or, for a program,
 * a JSON body with the status alone. Never a framework's default page, an exception or a stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorPagesTest {

    private static final List<String> INTERNALS = List.of("Whitelabel", "Exception", "exception", "trace",
            "at org.", "at com.", "springframework");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    /** Several application contexts share the test JVM: the server threads must use this one's holder. */
    @org.junit.jupiter.api.BeforeEach
    void useThisContextsSecurityHolder() {
        com.custodian.testsupport.SignIn.use(context);
    }

    @Test
    void aMissingResourceIsTheConsolesNotFoundPageInTheBrowsersLanguage() throws Exception {
        HttpResponse<String> english = get("/VAADIN/no-such-file.js", "en-GB,en;q=0.8");
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(english.body()).contains("<html lang=\"en\"", "This page does not exist", "Back to the console",
                "href=\"/\"").doesNotContain(INTERNALS.toArray(String[]::new));

        HttpResponse<String> german = get("/VAADIN/no-such-file.js", "de-AT,de;q=0.9,en;q=0.5");
        assertThat(german.body()).contains("<html lang=\"de\"").doesNotContain("This page does not exist");
        HttpResponse<String> french = get("/VAADIN/no-such-file.js", "fr-CH, fr;q=0.9");
        assertThat(french.body()).contains("<html lang=\"fr\"").doesNotContain("This page does not exist");
        HttpResponse<String> unknownLanguage = get("/VAADIN/no-such-file.js", "ja-JP");
        assertThat(unknownLanguage.body()).contains("<html lang=\"en\"", "This page does not exist");
    }

    @Test
    void theErrorAddressItselfShowsNothing() throws Exception {
        assertThat(get("/error", "en").statusCode()).as("anonymous: to the sign-in page").isEqualTo(302);
        signIn("operator@contoso.test");
        HttpResponse<String> page = get("/error", "en");
        assertThat(page.statusCode()).isIn(403, 404);
        assertThat(page.body()).contains("Back to the console").doesNotContain(INTERNALS.toArray(String[]::new));
    }

    @Test
    void programsGetTheStatusAloneAsJson() throws Exception {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(url("/api/token")).header("Accept", "application/json").GET().build(),
                HttpRequest.newBuilder(url("/api/token")).header("Accept", "application/json")
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpRequest.newBuilder(url("/api/data-requests/abc")).header("Accept", "application/json").GET().build())) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.toString()).isBetween(400, 499);
            assertThat(response.body()).as(request.toString()).doesNotContain(INTERNALS.toArray(String[]::new));
        }
    }

    @Test
    void aSignedInPersonAskingForAnAddressNoPageHasGetsTheConsolesPage() throws Exception {
        signIn("operator@contoso.test");
        for (String path : List.of("/no-such-page", "/users/extra/segments", "/data-requests/1/2/3")) {
            HttpResponse<String> page = get(path, "en");
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("This page does not exist", "Back to the console")
                    .doesNotContain(INTERNALS.toArray(String[]::new));
        }
    }

    private void signIn(String email) throws Exception {
        HttpResponse<String> page = get("/login", "en");
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=demo";
        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        if (csrf.find()) {
            form += "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        }
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> get(String path, String languages) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", languages).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
