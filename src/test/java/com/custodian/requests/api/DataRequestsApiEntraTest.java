package com.custodian.requests.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.security.Identity;
import com.custodian.testsupport.EntraTestEnvironment;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;

import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The data-requests API behind Entra, over real HTTP, with access tokens from a real OpenID
 * Connect provider: a service principal holding the permission is served; one without it, a token
 * of another tenant, a token for another application and no token are refused.
 */
class DataRequestsApiEntraTest extends EntraTestEnvironment {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Long> added = new ArrayList<>();

    /** Several application contexts share the test JVM: the server threads must use this one's holder. */
    @org.junit.jupiter.api.BeforeEach
    void useThisContextsSecurityHolder() {
        com.custodian.testsupport.SignIn.use(context);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        added.forEach(new TestUsers(context)::remove);
    }

    @Test
    void aServicePrincipalWithThePermissionIsServedAndOthersAreRefused() throws Exception {
        UUID automation = UUID.randomUUID();
        UUID monitoring = UUID.randomUUID();
        TestUsers users = new TestUsers(context);
        added.add(users.addServicePrincipal(new Identity(TENANT, automation), BuiltInRole.APP_ADMINISTRATOR));
        added.add(users.addServicePrincipal(new Identity(TENANT, monitoring), BuiltInRole.APP_OPERATOR));
        String body = "{\"type\":\"ACCESS\",\"subject\":\"meter-17\",\"reference\":\"API-1\"}";

        HttpResponse<String> opened = post("/api/data-requests", token(automation, TENANT, CLIENT_ID), body);
        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(opened.body()).contains("\"reference\":\"API-1\"", "\"subject\":\"meter-17\"");
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/data-requests/"));
        HttpResponse<String> listed = get("/api/data-requests", token(automation, TENANT, "api://" + CLIENT_ID));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("API-1");

        assertThat(post("/api/data-requests", token(monitoring, TENANT, CLIENT_ID), body.replace("API-1", "API-2"))
                .statusCode()).as("without the permission").isEqualTo(403);
        assertThat(get("/api/data-requests", token(automation, UUID.randomUUID(), CLIENT_ID)).statusCode())
                .as("another tenant").isEqualTo(401);
        assertThat(get("/api/data-requests", token(automation, TENANT, "another-application")).statusCode())
                .as("a token for another application").isEqualTo(401);
        assertThat(get("/api/data-requests", null).statusCode()).as("no token").isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from data_request", Integer.class)).isEqualTo(1);
    }

    private String token(UUID objectId, UUID tenant, String audience) {
        return ENTRA.issueToken(TENANT + "/v2.0", objectId.toString(), new DefaultOAuth2TokenCallback(TENANT + "/v2.0",
                objectId.toString(), "JWT", List.of(audience), Map.of("tid", tenant.toString(), "oid", objectId.toString()),
                3600)).serialize();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
