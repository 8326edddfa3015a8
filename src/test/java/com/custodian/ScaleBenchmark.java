package com.custodian;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.export.ExportFormat;
import com.custodian.devices.DeviceDataService;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TemplateSummary;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;
import com.custodian.security.Identity;
import com.custodian.testsupport.BenchmarkData;
import com.custodian.testsupport.CountingOutputStream;
import com.custodian.testsupport.CpuTime;
import com.custodian.testsupport.SignIn;
import com.custodian.testsupport.SvgChart;
import com.custodian.testsupport.TelemetryFleet;
import com.custodian.users.BuiltInRole;
import com.custodian.users.ScaleUsers;
import com.custodian.users.TestUsers;
import com.custodian.users.UserExportService;
import com.custodian.users.UsersService;

/**
 * Every figure the administrators care about, measured in one database holding all of it at once:
 * 100,000 users, 50 alert rules, 1,000 devices and 1,000,000 telemetry points. Prints the figures,
 * writes them to {@code target/benchmark/scale.md} and draws two plots beside them
 * ({@code users-page-by-depth.svg}, {@code ingestion-by-clients.svg}); asserts no time.
 * Run with {@code ./mvnw -Pbenchmark test -Dtest=ScaleBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScaleBenchmark {

    static final int USERS = 100_000;
    static final int RULES = 50;
    static final int DEVICES = 1_000;
    static final int POINTS = 1_000_000;
    /** Of those points, the car the data requests are about carries this many. */
    static final int CAR_POINTS = 100_000;
    static final int MESSAGES_PER_REQUEST = 100;
    static final int REQUESTS_PER_LEVEL = 1_200;
    static final Path OUT = Path.of("target", "benchmark");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    UsersService users;
    @Autowired
    UserExportService userExports;
    @Autowired
    DevicesService devices;
    @Autowired
    DeviceDataService deviceData;
    @Autowired
    DataRequestsService requests;
    @Autowired
    DirectoryService directory;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final List<String> figures = new ArrayList<>();

    @Test
    void everythingAtOnce() throws Exception {
        ScaleUsers scale = new ScaleUsers(jdbc, USERS);
        UUID erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        List<NewDevice> fleet = new ArrayList<>();
        try {
            SignIn.as(context, SignIn.ADMIN);
            setUp(scale, erin, fleet);
            usersPages();
            figure("export all users (CSV)", exportAllUsers());
            deleteHundredUsers(scale);
            dataRequests(fleet.getFirst());
            ingestion(fleet);
            Files.createDirectories(OUT);
            Files.writeString(OUT.resolve("scale.md"), String.join("\n", figures) + "\n", StandardCharsets.UTF_8);
        } finally {
            SignIn.as(context, SignIn.ADMIN);
            jdbc.update("delete from data_request");
            jdbc.update("delete from alert_rule where name like 'Scale rule %'");
            jdbc.update("delete from app_user where object_id = ?", erin.toString());
            scale.remove();
            devices.deleteDevices(fleet.stream().map(device -> device.device().id()).toList());
            jdbc.update("delete from device_template where name like 'Scale %'");
            SignIn.out();
        }
    }

    private void setUp(ScaleUsers scale, UUID erin, List<NewDevice> fleet) {
        figure("insert 100,000 users (multi-row SQL)", ms(scale.insert()));
        new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR,
                BuiltInRole.APP_BUILDER);

        BenchmarkData.insertRules(jdbc, 3_000_000L, RULES, "Scale rule ", "erin@contoso.test",
                "operator@contoso.test");

        TemplateSummary template = devices.createTemplate("Scale sensor " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("humidity", FieldType.NUMBER, "%"),
                new FieldSpec("battery", FieldType.NUMBER, "%")));
        long started = System.nanoTime();
        for (int d = 0; d < DEVICES; d++) {
            fleet.add(devices.createDevice("scale-" + d + "-" + UUID.randomUUID(), "Scale " + d, template.id()));
        }
        figure("create 1,000 devices through the service (one at a time, audited)", ms(System.nanoTime() - started));

        started = System.nanoTime();
        Instant first = Instant.now().minus(Duration.ofDays(20));
        int pointsEach = (POINTS - CAR_POINTS) / (DEVICES - 1);
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            int points = d == 0 ? CAR_POINTS : pointsEach;
            long ref = fleet.get(d).device().id();
            for (int i = 0; i < points; i++) {
                rows.add(new Object[] {ref, "temperature", Timestamp.from(first.plusSeconds(i)), 20.0 + i % 10});
                if (rows.size() == 10_000) {
                    insertTelemetry(rows);
                }
            }
        }
        insertTelemetry(rows);
        long stored = jdbc.queryForObject("select count(*) from telemetry", Long.class);
        figure("insert 1,000,000 telemetry points (JDBC batches of 10,000); telemetry rows now", ms(System.nanoTime()
                - started) + ", " + String.format(Locale.ROOT, "%,d", stored));
    }

    private void insertTelemetry(List<Object[]> rows) {
        jdbc.batchUpdate("insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)", rows);
        rows.clear();
    }

    /** A page of 50 at increasing depth: the time should not grow with the depth (the index is used). */
    private void usersPages() throws IOException {
        for (int i = 0; i < 30; i++) {
            users.listUsers(PageRequest.of(i * 37 % (USERS / 50), 50));
        }
        int[] depths = {0, 10_000, 20_000, 40_000, 60_000, 80_000, 99_950};
        double[] x = new double[depths.length];
        double[] median = new double[depths.length];
        double[] p95 = new double[depths.length];
        for (int d = 0; d < depths.length; d++) {
            List<Long> times = new ArrayList<>();
            long statementsBefore = statementsRun();
            for (int i = 0; i < 40; i++) {
                long started = System.nanoTime();
                users.listUsers(PageRequest.of(depths[d] / 50, 50));
                times.add(System.nanoTime() - started);
            }
            long statements = (statementsRun() - statementsBefore) / 40;
            Collections.sort(times);
            x[d] = depths[d];
            median[d] = times.get(20) / 1e6;
            p95[d] = times.get(37) / 1e6;
            figure("Users grid page of 50 at row " + String.format(Locale.ROOT, "%,d", depths[d])
                    + ": median / p95, statements", String.format(Locale.ROOT, "%.1f ms / %.1f ms, %d", median[d],
                            p95[d], statements));
        }
        new SvgChart("Users grid page of 50 rows, 100,000 users", "row the page starts at", "milliseconds")
                .series("median", x, median).series("95th percentile", x, p95)
                .write(OUT.resolve("users-page-by-depth.svg"));
    }

    private String exportAllUsers() {
        long started = System.nanoTime();
        CountingOutputStream out = new CountingOutputStream();
        long written = userExports.exportAll(ExportFormat.CSV, out);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%,d users, %.1f MB in %.1f s = %,.0f users/s", written,
                out.bytes() / 1e6, seconds, written / seconds);
    }

    private void deleteHundredUsers(ScaleUsers scale) {
        long before = statementsRun();
        long started = System.nanoTime();
        users.deleteUsers(scale.ids(50_000, 100), false);
        figure("delete 100 of 100,000 users: time, statements", String.format(Locale.ROOT, "%.0f ms, %d",
                (System.nanoTime() - started) / 1e6, statementsRun() - before));
    }

    private void dataRequests(NewDevice car) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long started = System.nanoTime();
        RequestRow person = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test", today, "", ""));
        requests.discover(person.id());
        figure("data request about a person (user, on 50 rules): open and discover", ms(System.nanoTime() - started));
        started = System.nanoTime();
        RequestRow device = requests.open(new NewRequest(RequestType.ERASURE, car.device().deviceId(), today, "", ""));
        requests.discover(device.id());
        figure("data request about a device with 100,000 points: open and discover", ms(System.nanoTime() - started));

        started = System.nanoTime();
        CountingOutputStream personExport = new CountingOutputStream();
        requests.export(person.id(), personExport);
        figure("export the person's request (ZIP)", String.format(Locale.ROOT, "%s, %,d bytes",
                ms(System.nanoTime() - started), personExport.bytes()));
        started = System.nanoTime();
        CountingOutputStream deviceExport = new CountingOutputStream();
        requests.export(device.id(), deviceExport);
        double seconds = (System.nanoTime() - started) / 1e9;
        figure("export the device's request (100,000 points, ZIP)", String.format(Locale.ROOT,
                "%.2f s = %,.0f points/s, %,d bytes", seconds, CAR_POINTS / seconds, deviceExport.bytes()));
        started = System.nanoTime();
        long points = deviceData.export(List.of(car.device().id()), OutputStream.nullOutputStream());
        seconds = (System.nanoTime() - started) / 1e9;
        figure("device export from the Devices page (the same device)", String.format(Locale.ROOT,
                "%,d points in %.2f s = %,.0f points/s", points, seconds, points / seconds));

        // Counted on the erasure's own connection: the recurring jobs' statements meanwhile are not its.
        long personVersion = requests.request(person.id()).version();
        started = System.nanoTime();
        long statements = BenchmarkData.statementsOf(transactions, jdbc, () -> requests.erase(person.id(), personVersion));
        figure("erase the person (user with 2 roles, on 50 rules): time, statements", String.format(Locale.ROOT,
                "%.0f ms, %d", (System.nanoTime() - started) / 1e6, statements));
        long deviceVersion = requests.request(device.id()).version();
        started = System.nanoTime();
        statements = BenchmarkData.statementsOf(transactions, jdbc, () -> requests.erase(device.id(), deviceVersion));
        figure("erase the device with 100,000 points: time, statements", String.format(Locale.ROOT, "%.0f ms, %d",
                (System.nanoTime() - started) / 1e6, statements));
    }

    /** Ingestion over HTTP into the full table with 1 to 16 devices posting at once, beside raw JDBC. */
    private void ingestion(List<NewDevice> fleet) throws Exception {
        TelemetryFleet http = new TelemetryFleet(port, MESSAGES_PER_REQUEST);
        Instant start = Instant.now().minus(Duration.ofDays(3));
        // Warm-up at the largest level's concurrency and length, as DevicesBenchmark does, on devices no
        // level uses: what is measured is the steady rate, not the server's threads, connections and
        // compilation starting.
        http.postPlain(fleet.subList(150, 166), start.minus(Duration.ofHours(3)), REQUESTS_PER_LEVEL);
        int[] clientCounts = {1, 2, 4, 8, 16};
        double[] x = new double[clientCounts.length];
        double[] rates = new double[clientCounts.length];
        for (int level = 0; level < clientCounts.length; level++) {
            List<NewDevice> posting = fleet.subList(1 + 20 * level, 1 + 20 * level + clientCounts[level]);
            x[level] = clientCounts[level];
            double commits = meters.counter("custodian.telemetry.commits").count();
            long jvmCpu = CpuTime.jvmMillis();
            long mariadbCpu = CpuTime.mariadbMillis();
            // Plain-socket clients: devices post from their own hardware, and java.net.http's client
            // would take about a third of the JVM's CPU here, on the cores the server is measured on.
            rates[level] = http.postPlain(posting, start, REQUESTS_PER_LEVEL);
            double messages = REQUESTS_PER_LEVEL * MESSAGES_PER_REQUEST;
            System.out.printf(Locale.ROOT, "BENCHMARK ingestion level of %d: %.1f requests a commit; CPU a message: "
                    + "this JVM %.1f µs, MariaDB %.1f µs%n", clientCounts[level],
                    REQUESTS_PER_LEVEL / (meters.counter("custodian.telemetry.commits").count() - commits),
                    (CpuTime.jvmMillis() - jvmCpu) * 1e3 / messages, (CpuTime.mariadbMillis() - mariadbCpu) * 1e3 / messages);
            String devicesPosting = clientCounts[level] == 1 ? "1 device" : clientCounts[level] + " devices";
            figure("ingestion over HTTP, " + devicesPosting + " posting at once (100 messages of 3 values a request)",
                    String.format(Locale.ROOT, "%,.0f messages/s", rates[level]));
        }
        List<NewDevice> withJavaClients = fleet.subList(1 + 20 * 5, 1 + 20 * 5 + 16);
        double javaClientsRate = http.post(withJavaClients, start, REQUESTS_PER_LEVEL);
        figure("ingestion over HTTP, 16 devices posting at once, java.net.http clients (as measured before)",
                String.format(Locale.ROOT, "%,.0f messages/s", javaClientsRate));
        // The reference three ways, each on devices of its own: one device's rows as the messages give
        // them (the reference until 2026-12-06); 16 devices' requests in turn, as the 16-device level
        // sends them, a batch holding 10 requests; the same with each batch in the primary key's order,
        // as the server now sends a group. The fastest is the reference.
        double oneDevice = rawJdbcRate(List.of(fleet.get(200).device().id()), start, false);
        List<Long> sixteen = fleet.subList(300, 316).stream().map(device -> device.device().id()).toList();
        List<Long> sixteenMore = fleet.subList(320, 336).stream().map(device -> device.device().id()).toList();
        double inTurn = rawJdbcRate(sixteen, start, false);
        double inTurnKeyOrder = rawJdbcRate(sixteenMore, start, true);
        double raw = Math.max(oneDevice, Math.max(inTurn, inTurnKeyOrder));
        figure("raw JDBC batch insert of the same rows, a commit per 3,000 rows (one thread): one device / 16 devices' "
                + "requests in turn / the same, each batch in key order", String.format(Locale.ROOT,
                        "%,.0f / %,.0f / %,.0f messages/s", oneDevice, inTurn, inTurnKeyOrder));
        figure("ingestion over HTTP at 16 devices against the raw insert (plain-socket / java.net.http clients)",
                String.format(Locale.ROOT, "%.0f %% / %.0f %%", 100 * rates[clientCounts.length - 1] / raw,
                        100 * javaClientsRate / raw));
        double[] rawLine = new double[clientCounts.length];
        java.util.Arrays.fill(rawLine, raw);
        new SvgChart("Telemetry ingestion beside 1,000,000 stored points", "devices posting at once",
                "messages per second").series("over HTTP", x, rates).series("raw JDBC batches", x, rawLine)
                .write(OUT.resolve("ingestion-by-clients.svg"));
    }

    /** A level's rows inserted by JDBC: request after request, each of the next device in turn. */
    private double rawJdbcRate(List<Long> devices, Instant start, boolean sorted) {
        long started = System.nanoTime();
        List<Object[]> rows = new ArrayList<>();
        int messages = REQUESTS_PER_LEVEL * MESSAGES_PER_REQUEST;
        for (int m = 0; m < messages; m++) {
            long device = devices.get(m / MESSAGES_PER_REQUEST % devices.size());
            Timestamp at = Timestamp.from(start.plusMillis(m * 10L));
            for (String field : List.of("temperature", "humidity", "battery")) {
                rows.add(new Object[] {device, field, at, 20.0 + m % 5});
            }
            if (rows.size() >= 3_000) {
                insertTelemetry(sorted ? inKeyOrder(rows) : rows);
            }
        }
        insertTelemetry(sorted ? inKeyOrder(rows) : rows);
        return messages / ((System.nanoTime() - started) / 1e9);
    }

    /** Rows by device, field, then time: the primary key's order. */
    private static List<Object[]> inKeyOrder(List<Object[]> rows) {
        rows.sort(java.util.Comparator.<Object[]>comparingLong(row -> (Long) row[0])
                .thenComparing(row -> (String) row[1]).thenComparing(row -> (Timestamp) row[2]));
        return rows;
    }

    private void figure(String what, String value) {
        String line = "| " + what + " | " + value + " |";
        figures.add(line);
        System.out.println("BENCHMARK " + what + ": " + value);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
    }

    private long statementsRun() {
        return BenchmarkData.statementsRun(jdbc);
    }
}
