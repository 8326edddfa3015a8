package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.security.api.LocalTokenIssuer;
import com.custodian.testsupport.HostileStrings;
import com.custodian.testsupport.SignIn;

import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and random input into every parameter of the HTTP API, over real HTTP: the token
 * endpoint's form fields, the data-requests endpoints' query parameters, path variables and JSON
 * fields (as strings, as the wrong JSON type, and as broken JSON), and the telemetry endpoint's
 * device ID, key and body. Every answer is a 2xx or a 4xx — never a 5xx — carries no stack trace or
 * class name, and a refused call leaves every table as it was, but for the audit trail's record of
 * the refusal itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileApiInputTest {

    private static final List<String> TABLES = List.of("data_request", "device", "device_template", "telemetry",
            "app_user", "role_assignment");
    /** What a leaked exception looks like in a body. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at com.", "at org.", "java.lang",
            "org.springframework", "org.hibernate", "SQLState", "MariaDB");
    /** JSON values of every type but a string, for fields that expect one. */
    private static final List<String> WRONG_TYPES = List.of("null", "0", "-1", "1e309", "true", "[]", "{}",
            "[\"ERASURE\"]", "{\"$ne\":null}");
    private static final List<String> BROKEN_JSON = List.of("", "{", "}", "{\"type\":", "[" .repeat(10_000),
            "{\"a\":" .repeat(5_000), "\"just a string\"", "nul", "{\"type\":\"ACCESS\",\"subject\":\"x\"",
            "{\"type\":\"ACCESS\",\"subject\":\"x\"}}", "\u0000", "{\"type\":\"ACCESS\",\"type\":\"ERASURE\"}",
            "x".repeat(3_000_000));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevicesService devices;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Random random = new Random(20261129);
    private NewDevice device;
    private String bearer;
    private int calls;

    @BeforeEach
    void deviceAndToken() throws Exception {
        SignIn.use(context);
        SignIn.as(context, SignIn.ADMIN);
        var template = devices.createTemplate("Fuzz sensor " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("status", FieldType.TEXT, null)));
        device = devices.createDevice("fuzz-" + UUID.randomUUID(), "Fuzz device", template.id());
        SignIn.out();
        bearer = "Bearer " + json.readTree(send("POST", "/api/token", null, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + LocalTokenIssuer.DEMO_CLIENT + "&client_secret="
                        + LocalTokenIssuer.DEMO_SECRET).body()).get("access_token").asString();
    }

    @AfterEach
    void cleanUp() {
        SignIn.as(context, SignIn.ADMIN);
        devices.deleteDevices(List.of(device.device().id()));
        jdbc.update("delete from device_template where name like 'Fuzz sensor %'");
        jdbc.update("delete from data_request");
        SignIn.out();
        System.out.printf("FUZZ %,d calls, answered %s%n", calls, statuses);
    }

    @Test
    void theTokenEndpointRefusesHostileFormFields() throws Exception {
        for (String hostile : inputs()) {
            String value = form(hostile);
            expectRefusalOrSuccess("POST", "/api/token", null, "application/x-www-form-urlencoded",
                    "grant_type=" + value + "&client_id=" + LocalTokenIssuer.DEMO_CLIENT + "&client_secret=x", hostile);
            expectRefusalOrSuccess("POST", "/api/token", null, "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&client_id=" + value + "&client_secret=" + value, hostile);
            expectRefusalOrSuccess("POST", "/api/token", null, "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&client_id=" + LocalTokenIssuer.DEMO_CLIENT + "&client_secret="
                            + value, hostile);
        }
    }

    @Test
    void theDataRequestEndpointsRefuseHostileParametersAndBodies() throws Exception {
        for (String hostile : inputs()) {
            String query = form(hostile);
            String path = path(hostile);
            expectRefusalOrSuccess("GET", "/api/data-requests?offset=" + query + "&limit=" + query, bearer, null, null,
                    hostile);
            expectRefusalOrSuccess("GET", "/api/data-requests/" + path, bearer, null, null, hostile);
            expectRefusalOrSuccess("GET", "/api/data-requests/" + path + "/export", bearer, null, null, hostile);
            expectRefusalOrSuccess("POST", "/api/data-requests/" + path + "/erase?version=" + query, bearer, null, null,
                    hostile);
            String string = json.writeValueAsString(hostile);
            for (String field : List.of("type", "subject", "receivedOn", "reference", "note")) {
                Map<String, String> opening = new TreeMap<>(Map.of("type", "\"ACCESS\"", "subject",
                        json.writeValueAsString(device.device().deviceId())));
                opening.put(field, string);
                expectRefusalOrSuccess("POST", "/api/data-requests", bearer, "application/json", object(opening), hostile);
            }
        }
        for (String wrong : WRONG_TYPES) {
            for (String field : List.of("type", "subject", "receivedOn", "reference", "note")) {
                Map<String, String> opening = new TreeMap<>(Map.of("type", "\"ERASURE\"", "subject", "\"fuzz\""));
                opening.put(field, wrong);
                expectRefusalOrSuccess("POST", "/api/data-requests", bearer, "application/json", object(opening), wrong);
            }
            expectRefusalOrSuccess("POST", "/api/data-requests", bearer, "application/json", wrong, wrong);
        }
        for (String broken : BROKEN_JSON) {
            expectRefusalOrSuccess("POST", "/api/data-requests", bearer, "application/json", broken, broken);
        }
        assertThat(jdbc.queryForObject("select count(*) from device where id = ?", Integer.class,
                device.device().id())).as("no request erased the device: every erasure needs its own request")
                .isEqualTo(1);
    }

    @Test
    void theTelemetryEndpointRefusesHostileDeviceIdsKeysAndBodies() throws Exception {
        String own = "/api/devices/" + device.device().deviceId() + "/telemetry";
        for (String hostile : inputs()) {
            expectRefusalOrSuccess("POST", "/api/devices/" + path(hostile) + "/telemetry", "DeviceKey " + device.key(),
                    "application/json", "{\"temperature\": 1}", hostile);
            if (!hostile.contains("\r") && !hostile.contains("\n") && !hostile.contains("\u0000")) {
                // A header cannot carry a line break; the HTTP client refuses to send one.
                expectRefusalOrSuccess("POST", own, hostile, "application/json", "{\"temperature\": 1}", hostile);
                expectRefusalOrSuccess("POST", own, "DeviceKey " + hostile, "application/json", "{\"temperature\": 1}",
                        hostile);
            }
            String string = json.writeValueAsString(hostile);
            expectRefusalOrSuccess("POST", own, "DeviceKey " + device.key(), "application/json",
                    "{\"temperature\": " + string + "}", hostile);
            expectRefusalOrSuccess("POST", own, "DeviceKey " + device.key(), "application/json",
                    "{" + string + ": 1}", hostile);
            expectRefusalOrSuccess("POST", own, "DeviceKey " + device.key(), "application/json",
                    "[{\"temperature\": 1, \"status\": " + string + ", \"timestamp\": " + string + "}]", hostile);
        }
        for (String wrong : WRONG_TYPES) {
            expectRefusalOrSuccess("POST", own, "DeviceKey " + device.key(), "application/json",
                    "{\"temperature\": " + wrong + ", \"status\": " + wrong + "}", wrong);
            expectRefusalOrSuccess("POST", own, "DeviceKey " + device.key(), "application/json", wrong, wrong);
        }
        for (String broken : BROKEN_JSON) {
            expectRefusalOrSuccess("POST", own, "DeviceKey " + device.key(), "application/json", broken, broken);
        }
    }

    /** The hostile strings, and random ones of every kind of character. */
    private List<String> inputs() {
        List<String> inputs = new ArrayList<>(HostileStrings.ALL);
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(i < 30 ? 60 : 5_000);
            for (int c = 0; c < length; c++) {
                text.appendCodePoint(switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x20, 0x7F);
                    case 1 -> random.nextInt(0, 0x20);
                    case 2 -> random.nextInt(0xA0, 0xD800);
                    default -> random.nextInt(0x10000, 0x10FFFF);
                });
            }
            inputs.add(text.toString());
        }
        return inputs;
    }

    /**
     * Sends the request and checks the answer: a 2xx or a 4xx without a leaked exception; a refusal
     * changes no table. A created data request is removed again, so that every call starts alike.
     */
    private void expectRefusalOrSuccess(String method, String path, String authorization, String contentType,
            String body, String input) throws Exception {
        Map<String, Integer> before = counts();
        long lastAuditEntry = jdbc.queryForObject("select coalesce(max(id), 0) from audit_entry", Long.class);
        HttpResponse<String> answer;
        try {
            answer = send(method, path, authorization, contentType, body);
        } catch (IllegalArgumentException unsendable) {
            return;  // The HTTP client will not put this in a URI or header; no server sees it.
        }
        calls++;
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        String what = method + " " + shorten(path) + " with " + HostileStrings.describe(input) + " → "
                + answer.statusCode() + " " + shorten(answer.body());
        assertThat(answer.statusCode()).as(what).isBetween(200, 499);
        for (String leak : LEAKS) {
            assertThat(answer.body()).as(what).doesNotContain(leak);
        }
        if (answer.statusCode() >= 400) {
            assertThat(counts()).as("a refusal stores nothing: " + what).isEqualTo(before);
            assertThat(jdbc.queryForList("select outcome from audit_entry where id > ?", String.class, lastAuditEntry))
                    .as("the trail records only the refusal: " + what).allMatch("REFUSED"::equals);
        } else {
            jdbc.update("delete from data_request");
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType,
            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Integer.class));
        }
        return counts;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, value) -> object.append(object.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return object.append('}').toString();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String path(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "…";
    }
}
