package com.custodian.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import com.custodian.testsupport.SignIn;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Device data as personal data on MariaDB: the export parsed back, the erasure and its cost. */
@SpringBootTest
class DeviceDataTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    DeviceDataService deviceData;
    @Autowired
    TelemetryStore telemetry;
    @Autowired
    JdbcTemplate jdbc;

    private TemplateSummary template;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void template() {
        SignIn.as(context, SignIn.ADMIN);
        template = devices.createTemplate("Data test " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("status", FieldType.TEXT, null)));
    }

    @AfterEach
    void cleanUp() {
        SignIn.as(context, SignIn.ADMIN);
        devices.deleteDevices(created);
        jdbc.update("delete from device_template where name like 'Data test %'");
        SignIn.out();
    }

    @Test
    void theExportHoldsEveryValueAndAManifestThatChecksOut() throws Exception {
        DeviceRow device = device(250);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        long points = deviceData.export(List.of(device.id()), zip);

        Map<String, byte[]> files = unzip(zip.toByteArray());
        assertThat(files).containsOnlyKeys("devices.json", "telemetry.csv", "manifest.json");
        assertThat(points).isEqualTo(500);
        List<String> csv = new String(files.get("telemetry.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(csv).hasSize(501);
        assertThat(csv.getFirst()).isEqualTo("deviceId,field,timestamp,value");
        assertThat(csv).anyMatch(line -> line.startsWith(device.deviceId() + ",status,") && line.endsWith(",ok"));
        JsonNode records = JsonMapper.builder().build().readTree(files.get("devices.json"));
        assertThat(records.get(0).get("deviceId").asString()).isEqualTo(device.deviceId());
        assertThat(records.get(0).get("telemetryPoints").asLong()).isEqualTo(500);
        assertThat(records.get(0).get("template").get("fields").size()).isEqualTo(2);
        assertThat(records.get(0).has("keyHash")).as("the key hash is not exported").isFalse();
        JsonNode manifest = JsonMapper.builder().build().readTree(files.get("manifest.json"));
        assertThat(manifest.get("telemetryPoints").asLong()).isEqualTo(500);
        assertThat(manifest.get("excluded").toString()).contains("System-generated logs");
        for (String file : List.of("devices.json", "telemetry.csv")) {
            assertThat(manifest.get("sha256").get(file).asString()).as(file)
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files.get(file))));
        }
    }

    @Test
    void theTelemetryFileHoldsEachValueExactlyWithItsTimeInUtc() throws Exception {
        NewDevice device = devices.createDevice("data-" + UUID.randomUUID(), "Exact values", template.id());
        created.add(device.device().id());
        Instant second = Instant.parse("2026-03-01T10:15:30Z");
        telemetry.insert(device.device().id(), List.of(
                new TelemetryPoint("temperature", second, 20.0, null),
                new TelemetryPoint("temperature", second.plusMillis(120), -3.5, null),
                new TelemetryPoint("temperature", second.plusNanos(123_456_000), 0.1 + 0.2, null),
                new TelemetryPoint("temperature", second.plusSeconds(1), 1e20, null),
                new TelemetryPoint("temperature", second.plusSeconds(2), -0.000001, null),
                new TelemetryPoint("status", second, null, "=cmd|' /C calc'!A0"),
                new TelemetryPoint("status", second.plusSeconds(1), null, "warm, \"very\""),
                new TelemetryPoint("status", second.plusSeconds(2), null, "Temp\u00e9rature \u2264 5")));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        deviceData.export(List.of(device.device().id()), zip);

        List<String> rows = new String(unzip(zip.toByteArray()).get("telemetry.csv"), StandardCharsets.UTF_8).lines()
                .map(line -> line.substring(line.indexOf(',') + 1)).toList();
        assertThat(rows).containsExactly("field,timestamp,value",
                "status,2026-03-01T10:15:30Z,'=cmd|' /C calc'!A0",
                "status,2026-03-01T10:15:31Z,\"warm, \"\"very\"\"\"",
                "status,2026-03-01T10:15:32Z,Temp\u00e9rature \u2264 5",
                "temperature,2026-03-01T10:15:30Z,20",
                "temperature,2026-03-01T10:15:30.120Z,-3.5",
                "temperature,2026-03-01T10:15:30.123456Z,0.30000000000000004",
                "temperature,2026-03-01T10:15:31Z,1e20",
                "temperature,2026-03-01T10:15:32Z,-0.000001");
        assertThat(rows.subList(4, rows.size()).stream().map(row -> Double.parseDouble(row.substring(row.lastIndexOf(',') + 1))))
                .as("each stored double, exactly").containsExactly(20.0, -3.5, 0.1 + 0.2, 1e20, -0.000001);
        assertThat(rows.subList(1, rows.size()).stream().map(row -> row.split(",")[1]))
                .allSatisfy(time -> assertThat(Instant.parse(time).toString()).as("as Instant writes it").isEqualTo(time));
    }

    @Test
    void aStoredTimeIsWrittenAsInstantWritesIt() {
        // MariaDB writes every fraction digit of a datetime(6); H2 (the default run) trims them.
        for (String stored : List.of("2026-03-01 10:15:30.000000", "2026-03-01 10:15:30", "2026-03-01 10:15:30.120000",
                "2026-03-01 10:15:30.12", "2026-03-01 10:15:30.123400", "2026-03-01 10:15:30.000001",
                "2026-03-01 10:15:30.123456789")) {
            Instant instant = java.time.LocalDateTime.parse(stored.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            assertThat(DeviceDataService.isoInstant(stored)).as(stored).isEqualTo(instant.toString());
        }
    }

    @Test
    void erasingRemovesRecordKeyAndTelemetryAndReportsTheCounts() {
        DeviceRow device = device(40);
        DeviceErasure erasure = deviceData.erase(List.of(device.id()));
        assertThat(erasure.devices()).isEqualTo(1);
        assertThat(erasure.telemetryPoints()).isEqualTo(80);
        assertThat(erasure.deviceIds()).containsExactly(device.deviceId());
        assertThat(jdbc.queryForObject("select count(*) from device where id = ?", Long.class, device.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Long.class, device.id())).isZero();
        created.remove(device.id());
    }

    @Test
    void erasingTenOrAHundredThousandPointsCostsTheSameStatements() {
        DeviceRow small = device(5);
        DeviceRow large = device(50_000);
        long before = statementsRun();
        deviceData.erase(List.of(small.id()));
        long forSmall = statementsRun() - before;
        before = statementsRun();
        DeviceErasure erasure = deviceData.erase(List.of(large.id()));
        long forLarge = statementsRun() - before;
        assertThat(erasure.telemetryPoints()).isEqualTo(100_000);
        assertThat(forLarge).as("statements for 100,000 points (10 took %d)", forSmall).isEqualTo(forSmall);
        created.removeAll(List.of(small.id(), large.id()));
    }

    @Test
    void exportingTenOrAHundredThousandPointsCostsTheSameStatements() {
        DeviceRow small = device(5);
        DeviceRow large = device(50_000);
        long before = statementsRun();
        deviceData.export(List.of(small.id()), new ByteArrayOutputStream());
        long forSmall = statementsRun() - before;
        before = statementsRun();
        long points = deviceData.export(List.of(large.id()), OutputStream.nullOutputStream());
        long forLarge = statementsRun() - before;
        assertThat(points).isEqualTo(100_000);
        assertThat(forLarge).as("statements for 100,000 points (10 took %d)", forSmall).isEqualTo(forSmall);
    }

    @Test
    void exportAndErasureNeedTheirOwnPermissions() {
        DeviceRow device = device(1);
        for (String email : List.of(SignIn.BUILDER, SignIn.OPERATOR)) {
            SignIn.as(context, email);
            assertThatThrownBy(() -> deviceData.export(List.of(device.id()), new ByteArrayOutputStream()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> deviceData.erase(List.of(device.id()))).isInstanceOf(AccessDeniedException.class);
        }
        SignIn.as(context, SignIn.OPERATOR);
        assertThat(devices.listDevices(device.deviceId(), 0, 10)).hasSize(1);
        SignIn.as(context, SignIn.NO_ROLE);
        assertThatThrownBy(() -> devices.listDevices(null, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> devices.createDevice("x", "x", template.id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void deletingADeviceWithTelemetryNeedsTheErasePermission() {
        DeviceRow withData = device(3);
        NewDevice empty = devices.createDevice("data-" + UUID.randomUUID(), "No data yet", template.id());
        created.add(empty.device().id());
        SignIn.as(context, SignIn.OPERATOR);
        assertThatThrownBy(() -> devices.deleteDevices(List.of(withData.id()))).isInstanceOfSatisfying(
                DevicesException.class, refusal -> assertThat(refusal.problem()).isEqualTo(DevicesProblem.DELETE_NEEDS_ERASE));
        assertThat(jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Long.class, withData.id()))
                .isEqualTo(6);
        assertThat(devices.deleteDevices(List.of(empty.device().id()))).isEqualTo(1);
        created.remove(empty.device().id());
    }

    @Test
    void ofTwoValuesTheColumnCannotTellApartTheFirstToArriveIsKept() {
        DeviceRow device = device(0);
        Instant at = Instant.parse("2026-11-30T10:15:30.123456Z");
        // 300 ns apart: one time to a datetime(6) column; the later instant arrives first.
        telemetry.insert(device.id(), List.of(new TelemetryPoint("temperature", at.plusNanos(300), 1.0, null),
                new TelemetryPoint("temperature", at, 2.0, null), new TelemetryPoint("status", at, null, "ok")));

        assertThat(jdbc.queryForList("select num_value from telemetry where device_ref = ? and field = 'temperature'",
                Double.class, device.id())).containsExactly(1.0);
        assertThat(jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Long.class, device.id()))
                .isEqualTo(2);
    }

    @Test
    void aPageOfDevicesHoldsOneInstanceOfEachTemplateAndOrganization() {
        String prefix = "data-page-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            created.add(devices.createDevice(prefix + "-" + i, "Data test device", template.id()).device().id());
        }

        List<DeviceRow> page = devices.listDevices(prefix, 0, 10);

        assertThat(page).hasSize(3).allSatisfy(row -> {
            assertThat(row.templateName()).isEqualTo(template.name()).isSameAs(page.getFirst().templateName());
            assertThat(row.templateId()).isEqualTo(template.id()).isSameAs(page.getFirst().templateId());
            assertThat(row.organizationId()).isNotNull().isSameAs(page.getFirst().organizationId());
        });
        assertThat(page).extracting(DeviceRow::deviceId).doesNotHaveDuplicates();
    }

    /** A device with the given number of readings (two values each). */
    private DeviceRow device(int readings) {
        NewDevice device = devices.createDevice("data-" + UUID.randomUUID(), "Data test device", template.id());
        created.add(device.device().id());
        List<TelemetryPoint> points = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < readings; i++) {
            Instant at = start.plusMillis(i * 100L);
            points.add(new TelemetryPoint("temperature", at, 20.0 + i % 7, null));
            points.add(new TelemetryPoint("status", at, null, "ok"));
        }
        telemetry.insert(device.device().id(), points);
        return device.device();
    }

    /**
     * Data statements the MariaDB server has run, whoever sent them: JPA's and plain JDBC's alike.
     * Nothing else talks to the test database while a test runs (the simulator is off in tests).
     */
    private long statementsRun() {
        return jdbc.queryForList("show global status where variable_name in "
                + "('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_delete_multi')")
                .stream().mapToLong(row -> Long.parseLong(String.valueOf(row.get("Value")))).sum();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
