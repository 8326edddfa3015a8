package com.custodian.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.SignIn;

/**
 * Telemetry over real HTTP on MariaDB: what is accepted is stored whole, and every refusal stores
 * nothing and says why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TelemetryIngestionTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private NewDevice device;
    private String deviceId;

    @BeforeEach
    void registerDevice() {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Test sensor " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"),
                new FieldSpec("door_open", FieldType.BOOLEAN, null),
                new FieldSpec("status", FieldType.TEXT, null)));
        deviceId = "test-" + UUID.randomUUID();
        device = devices.createDevice(deviceId, "Test device", template.id());
    }

    @AfterEach
    void removeDevice() {
        SignIn.as(context, SignIn.ADMIN);
        devices.deleteDevices(List.of(device.device().id()));
        jdbc.update("delete from device_template where name like 'Test sensor %'");
        SignIn.out();
    }

    @Test
    void storesAMessageAndRecordsWhenTheDeviceWasSeen() throws Exception {
        HttpResponse<String> response = post(device.key(), """
                {"timestamp": "2026-11-29T08:00:00Z", "temperature": 21.5, "door_open": false, "status": "ok"}""");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"stored\":3");
        assertThat(stored()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select num_value from telemetry where device_ref = ? and field = 'temperature'",
                Double.class, device.device().id())).isEqualTo(21.5);
        assertThat(jdbc.queryForObject("select last_seen_at from device where id = ?", java.sql.Timestamp.class,
                device.device().id())).isNotNull();
    }

    @Test
    void storesABatchWholeAndAResentBatchOnce() throws Exception {
        String batch = """
                [{"timestamp": "2026-11-29T08:00:00Z", "temperature": 20.0},
                 {"timestamp": "2026-11-29T08:01:00Z", "temperature": 20.5, "door_open": true},
                 {"temperature": 21.0}]""";
        assertThat(post(device.key(), batch).statusCode()).isEqualTo(202);
        assertThat(stored()).isEqualTo(4);
        assertThat(post(device.key(), batch.replace("20.5", "99.0").replace("21.0", "21.5")).statusCode()).isEqualTo(202);
        assertThat(stored()).as("a resent timed value is not stored twice; the untimed one is new").isEqualTo(5);
        assertThat(jdbc.queryForObject("select num_value from telemetry where device_ref = ? and field = 'temperature' "
                + "and ts = '2026-11-29 08:01:00'", Double.class, device.device().id()))
                .as("the value stored first is kept").isEqualTo(20.5);
    }

    @Test
    void unknownDeviceOrWrongKeyIs401AndStoresNothing() throws Exception {
        // Other tests' refusals this minute are summed first: this test's summary is its own.
        context.getBean(com.custodian.systemlog.RefusalTally.class).summarise();
        assertRefused(post("not-the-key", "{\"temperature\": 1}"), 401, "Unknown device or wrong device key");
        assertRefused(send(deviceId, null, "{\"temperature\": 1}"), 401, "Unknown device or wrong device key");
        assertRefused(send("no-such-device", device.key(), "{\"temperature\": 1}"), 401, "Unknown device");
        assertThat(send(deviceId, "Bearer " + device.key(), "{\"temperature\": 1}").statusCode()).isEqualTo(401);
        assertThat(stored()).isZero();
        // Counted, not written one by one: the minute's summary is one row, with the count and the path.
        assertThat(rejections(deviceId)).isEmpty();
        context.getBean(com.custodian.systemlog.RefusalTally.class).summarise();
        assertThat(rejections(deviceId)).singleElement().asString().contains("\"count\":4", "\"kind\":\"401\"",
                "127.0.0.1");
    }

    @Test
    void aFloodOfMadeUpDevicesWritesBoundedRows() throws Exception {
        RejectionLog log = context.getBean(RejectionLog.class);
        com.custodian.systemlog.RefusalTally tally = context.getBean(com.custodian.systemlog.RefusalTally.class);
        tally.summarise();
        long before = jdbc.queryForObject("select count(*) from system_log where event = 'device.rejected'", Long.class);
        for (int i = 0; i < 5_000; i++) {
            log.refused("/api/devices/made-up-" + i + "/telemetry", i % 10 == 0 ? 400 : 401, "10.0.0." + i % 300);
        }
        tally.summarise();
        long rows = jdbc.queryForObject("select count(*) from system_log where event = 'device.rejected'", Long.class)
                - before;
        assertThat(rows).as("one row per status a minute").isEqualTo(2);
        assertThat(jdbc.queryForObject("select detail from system_log where event = 'device.rejected' and detail like "
                + "'%\"kind\":\"401\"%' order by id desc limit 1", String.class))
                .contains("\"count\":4500", "\"otherAddresses\":", "made-up-1/");
    }

    private java.util.List<String> rejections(String device) {
        return jdbc.queryForList("select detail from system_log where event = 'device.rejected' and detail like ? "
                + "order by id", String.class, "%/api/devices/" + device + "%");
    }

    @Test
    void disabledDeviceIs403() throws Exception {
        devices.setEnabled(deviceId, false);
        assertRefused(post(device.key(), "{\"temperature\": 1}"), 403, "is disabled");
        assertThat(stored()).isZero();
    }

    @Test
    void malformedUnknownOrMistypedDataIs400NamingTheProblem() throws Exception {
        assertRefused(post(device.key(), "{\"temperature\": "), 400, "not valid JSON");
        assertRefused(post(device.key(), ""), 400, "empty");
        assertRefused(post(device.key(), "[]"), 400, "no message");
        assertRefused(post(device.key(), "42"), 400, "JSON object");
        assertRefused(post(device.key(), "{\"humidity\": 40}"), 400, "unknown field \\\"humidity\\\"");
        assertRefused(post(device.key(), "{\"temperature\": \"warm\"}"), 400, "\\\"temperature\\\" must be a number");
        assertRefused(post(device.key(), "{\"door_open\": 1}"), 400, "\\\"door_open\\\" must be true or false");
        assertRefused(post(device.key(), "{\"status\": 7}"), 400, "\\\"status\\\" must be a string");
        assertRefused(post(device.key(), "{\"timestamp\": \"yesterday\", \"temperature\": 1}"), 400, "not ISO-8601");
        assertRefused(post(device.key(), "{\"timestamp\": \"" + Instant.now().plusSeconds(3600) + "\", \"temperature\": 1}"),
                400, "in the future");
        assertRefused(post(device.key(), "{\"timestamp\": \"2026-11-29T08:00:00Z\"}"), 400, "at least one field");
        assertThat(stored()).isZero();
    }

    @Test
    void aBatchWithOneBadMessageStoresNothing() throws Exception {
        assertRefused(post(device.key(), """
                [{"timestamp": "2026-11-29T08:00:00Z", "temperature": 20.0},
                 {"timestamp": "2026-11-29T08:01:00Z", "temperature": 20.5},
                 {"timestamp": "2026-11-29T08:02:00Z", "temperature": "oops"}]"""), 400,
                "message 3: field \\\"temperature\\\" must be a number");
        assertThat(stored()).isZero();
        assertRefused(post(device.key(), "[{\"temperature\": 20.0}, {\"temperature\": 20.5}]"), 400,
                "give each message of a batch its own timestamp");
        assertRefused(post(device.key(), """
                [{"timestamp": "2026-11-29T08:00:00Z", "temperature": 20.0},
                 {"timestamp": "2026-11-29T08:00:00.000Z", "status": "ok"},
                 {"timestamp": "2026-11-29T10:00:00+02:00", "temperature": 20.5}]"""), 400,
                "message 3: field \\\"temperature\\\" has a second value for the same time");
        assertThat(stored()).isZero();
        HttpResponse<String> twoFieldsAtOneTime = post(device.key(), """
                [{"timestamp": "2026-11-29T08:00:00Z", "temperature": 20.0},
                 {"timestamp": "2026-11-29T08:00:00Z", "status": "ok"}]""");
        assertThat(twoFieldsAtOneTime.statusCode()).as(twoFieldsAtOneTime.body()).isEqualTo(202);
        assertThat(stored()).as("different fields may share a time").isEqualTo(2);
    }

    @Test
    void theEndpointTakesOnlyPostAndSaysSo() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/devices/" + deviceId + "/telemetry")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).contains("POST");
        HttpResponse<String> encoded = send(deviceId.replace("-", "%2D"), "DeviceKey " + device.key(),
                "{\"temperature\": 1}");
        assertThat(encoded.statusCode()).as("an encoded device ID is the device's").isEqualTo(202);
        assertThat(encoded.headers().firstValue("Cache-Control")).hasValue("no-store");
        for (String notOurs : List.of(deviceId + ";v=1", deviceId + "%E2%82", deviceId + "%2Fx", deviceId + "%00")) {
            assertThat(send(notOurs, "DeviceKey " + device.key(), "{\"temperature\": 1}").statusCode()).as(notOurs)
                    .isIn(400, 401);
        }
    }

    @Test
    void tooLargeIs413() throws Exception {
        String many = "[" + "{\"temperature\": 1},".repeat(TelemetryIngestion.MAX_MESSAGES) + "{\"temperature\": 2}]";
        assertRefused(post(device.key(), many), 413, "at most 1000 messages");
        String huge = "{\"status\": \"" + "x".repeat(TelemetryIngestion.MAX_BODY_BYTES) + "\"}";
        assertRefused(post(device.key(), huge), 413, "at most");
        assertThat(stored()).isZero();
    }

    @Test
    void aNewKeyReplacesTheOldOne() throws Exception {
        NewDevice renewed = devices.regenerateKey(deviceId);
        assertThat(post(device.key(), "{\"temperature\": 1}").statusCode()).isEqualTo(401);
        assertThat(post(renewed.key(), "{\"temperature\": 1}").statusCode()).isEqualTo(202);
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Long.class,
                device.device().id());
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return send(deviceId, "DeviceKey " + key, body);
    }

    private HttpResponse<String> send(String id, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/devices/" + id + "/telemetry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
    }
}
