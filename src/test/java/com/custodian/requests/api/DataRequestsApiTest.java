package com.custodian.requests.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.security.api.LocalTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data-requests API of the default run over real HTTP: the demo service principal takes a
 * token with its client credentials and drives a request from opening to erasure; bad credentials
 * and bad input get clear answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataRequestsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    com.custodian.devices.DevicesService devices;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** Several application contexts share the test JVM: the server threads must use this one's holder. */
    @org.junit.jupiter.api.BeforeEach
    void useThisContextsSecurityHolder() {
        com.custodian.testsupport.SignIn.use(context);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        jdbc.update("delete from device where display_name = 'API test'");
        jdbc.update("delete from device_template where name like 'API test %'");
    }

    @Test
    void theDemoServicePrincipalDrivesAnErasureRequestToItsReceipt() throws Exception {
        assertThat(tokenResponse(LocalTokenIssuer.DEMO_CLIENT.toString(), "wrong").statusCode()).isEqualTo(401);
        String token = json.readTree(tokenResponse(LocalTokenIssuer.DEMO_CLIENT.toString(), LocalTokenIssuer.DEMO_SECRET)
                .body()).get("access_token").asString();

        for (String malformed : new String[] {"{\"type\":\"SOMETHING\",\"subject\":\"x\"}", "{not json",
                "{\"type\":\"ACCESS\",\"subject\":\"x\",\"receivedOn\":\"yesterday\"}",
                "{\"type\":\"ACCESS\",\"subject\":5}", "{\"type\":\"ACCESS\",\"subject\":true}"}) {
            HttpResponse<String> refused = send("POST", "/api/data-requests", token, malformed);
            assertThat(refused.statusCode()).as(malformed).isEqualTo(400);
            assertThat(refused.body()).as(malformed).contains("\"error\"");
        }
        assertThat(send("POST", "/api/data-requests/1/erase?version=x", token, null).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from data_request", Integer.class)).isZero();
        HttpResponse<String> bad = send("POST", "/api/data-requests", token, "{\"type\":\"ERASURE\",\"subject\":\"a b!\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("subject");

        com.custodian.testsupport.SignIn.as(context, com.custodian.testsupport.SignIn.ADMIN);
        var template = devices.createTemplate("API test " + java.util.UUID.randomUUID(), List.of(
                new com.custodian.devices.FieldSpec("temperature", com.custodian.devices.FieldType.NUMBER, "°C")));
        String deviceId = "api-" + java.util.UUID.randomUUID();
        devices.createDevice(deviceId, "API test", template.id());
        com.custodian.testsupport.SignIn.out();
        HttpResponse<String> opened = send("POST", "/api/data-requests", token,
                "{\"type\":\"ERASURE\",\"subject\":\"" + deviceId + "\",\"reference\":\"API-7\"}");
        assertThat(opened.statusCode()).isEqualTo(201);
        long id = json.readTree(opened.body()).get("id").asLong();

        JsonNode detail = json.readTree(send("GET", "/api/data-requests/" + id, token, null).body());
        assertThat(detail.get("discovery").get("holdings").toString()).contains(deviceId)
                .as("the device's organization").contains("in Whole application");

        // A person's discovery names the organization of each role they hold below the root.
        HttpResponse<String> lukas = send("POST", "/api/data-requests", token,
                "{\"type\":\"ACCESS\",\"subject\":\"lukas@contoso.test\"}");
        assertThat(lukas.statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/data-requests/" + json.readTree(lukas.body()).get("id").asLong(), token, null)
                .body()).contains("App Operator in Berlin");

        HttpResponse<byte[]> export = http.send(HttpRequest.newBuilder(uri("/api/data-requests/" + id + "/export"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        List<String> files = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.add(entry.getName());
            }
        }
        assertThat(files).contains("devices.json", "telemetry.csv", "manifest.json");

        HttpResponse<String> erased = send("POST", "/api/data-requests/" + id + "/erase", token, null);
        assertThat(erased.statusCode()).isEqualTo(200);
        JsonNode row = json.readTree(erased.body());
        assertThat(row.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(row.get("subject").asString()).startsWith("sha256:");
        assertThat(row.get("receipt").asString()).contains("telemetryPoints");
        assertThat(jdbc.queryForObject("select count(*) from device where device_id = ?", Integer.class, deviceId))
                .isZero();
        assertThat(send("POST", "/api/data-requests/" + id + "/erase", token, null).statusCode())
                .as("erasing twice").isEqualTo(409);
        assertThat(send("GET", "/api/data-requests/999999", token, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/data-requests", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> description = send("GET", "/api/openapi.yaml", null, null);
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body()).contains("openapi: 3.1.0", "/api/data-requests/{id}/erase");
    }

    /**
     * Every endpoint, called by a service principal holding each built-in role in turn, by one
     * holding none, and anonymously: served exactly when the roles grant the data-requests
     * permission; 403 for other roles, 401 without a token.
     */
    @Test
    void everyEndpointAnswersEachCallerAsThePermissionsSay() throws Exception {
        String token = json.readTree(tokenResponse(LocalTokenIssuer.DEMO_CLIENT.toString(), LocalTokenIssuer.DEMO_SECRET)
                .body()).get("access_token").asString();
        long principal = jdbc.queryForObject("select id from app_user where object_id = ?", Long.class,
                LocalTokenIssuer.DEMO_CLIENT.toString());
        List<String> granted = jdbc.queryForList("select role_id from role_assignment where user_id = ?", String.class,
                principal);
        String[][] endpoints = {{"GET", "/api/data-requests", null}, {"GET", "/api/data-requests/999999", null},
                {"GET", "/api/data-requests/999999/export", null}, {"POST", "/api/data-requests/999999/erase?version=0", null},
                {"POST", "/api/data-requests", "{\"type\":\"ACCESS\",\"subject\":\"matrix-device\"}"}};
        Map<String, List<String>> callers = new java.util.LinkedHashMap<>();
        for (com.custodian.users.BuiltInRole role : com.custodian.users.BuiltInRole.values()) {
            callers.put(role.name(), List.of(role.id().toString()));
        }
        callers.put("no role", List.of());
        List<String> wrong = new ArrayList<>();
        try {
            for (Map.Entry<String, List<String>> caller : callers.entrySet()) {
                jdbc.update("delete from role_assignment where user_id = ?", principal);
                caller.getValue().forEach(role -> jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)",
                        principal, role));
                boolean allowed = !caller.getValue().isEmpty() && jdbc.queryForObject("select count(*) from "
                        + "role_permission where role_id = ? and permission = 'MANAGE_DATA_REQUESTS'", Integer.class,
                        caller.getValue().getFirst()) > 0;
                for (String[] endpoint : endpoints) {
                    int status = send(endpoint[0], endpoint[1], token, endpoint[2]).statusCode();
                    boolean served = status != 401 && status != 403;
                    if (served != allowed || (!allowed && status != 403)) {
                        wrong.add(endpoint[0] + " " + endpoint[1] + " as " + caller.getKey() + ": " + status);
                    }
                }
            }
            for (String[] endpoint : endpoints) {
                int status = send(endpoint[0], endpoint[1], null, endpoint[2]).statusCode();
                if (status != 401) {
                    wrong.add(endpoint[0] + " " + endpoint[1] + " anonymously: " + status);
                }
            }
        } finally {
            jdbc.update("delete from role_assignment where user_id = ?", principal);
            granted.forEach(role -> jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)", principal,
                    role));
        }
        assertThat(wrong).as("endpoint answers that differ from the permissions").isEmpty();
    }

    @Test
    void aServicePrincipalWithTheDataRequestsPermissionAloneIsToldWhatItMayNotEraseAndErasesNothing() throws Exception {
        String officer = java.util.UUID.randomUUID().toString();
        Long principal = jdbc.queryForObject("select id from app_user where object_id = ?", Long.class,
                LocalTokenIssuer.DEMO_CLIENT.toString());
        List<String> before = jdbc.queryForList("select role_id from role_assignment where user_id = ?", String.class,
                principal);
        jdbc.update("insert into app_role (id, name, built_in, created_at, version) values (?, 'Data requests only', "
                + "false, now(), 0)", officer);
        jdbc.update("insert into role_permission (role_id, permission) values (?, 'MANAGE_DATA_REQUESTS')", officer);
        jdbc.update("delete from role_assignment where user_id = ?", principal);
        jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)", principal, officer);
        try {
            String token = json.readTree(tokenResponse(LocalTokenIssuer.DEMO_CLIENT.toString(),
                    LocalTokenIssuer.DEMO_SECRET).body()).get("access_token").asString();
            HttpResponse<String> opened = send("POST", "/api/data-requests", token,
                    "{\"type\":\"ERASURE\",\"subject\":\"admin@contoso.test\"}");
            assertThat(opened.statusCode()).isEqualTo(201);
            long id = json.readTree(opened.body()).get("id").asLong();
            var detail = json.readTree(send("GET", "/api/data-requests/" + id, token, null).body()).get("discovery");
            assertThat(detail.get("erasable").asBoolean()).isFalse();
            assertThat(detail.get("erasureBlockers").toString()).contains("App Administrator", "Manage users");
            HttpResponse<String> erase = send("POST", "/api/data-requests/" + id + "/erase", token, null);
            assertThat(erase.statusCode()).isEqualTo(403);
            assertThat(erase.body()).contains("Nothing was erased");
            assertThat(jdbc.queryForObject("select count(*) from app_user a join role_assignment r on r.user_id = a.id "
                    + "where r.role_id = ?", Long.class, com.custodian.users.BuiltInRole.APP_ADMINISTRATOR.id().toString()))
                    .as("the administrator is still there").isEqualTo(1);
        } finally {
            jdbc.update("delete from role_assignment where user_id = ?", principal);
            for (String role : before) {
                jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)", principal, role);
            }
            jdbc.update("delete from role_permission where role_id = ?", officer);
            jdbc.update("delete from app_role where id = ?", officer);
        }
    }

    private HttpResponse<String> tokenResponse(String clientId, String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body,
                        StandardCharsets.UTF_8)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
