package com.custodian.devices;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.CountingOutputStream;
import com.custodian.testsupport.CpuTime;
import com.custodian.testsupport.SignIn;
import com.custodian.testsupport.SvgBarChart;
import com.custodian.testsupport.SvgChart;
import com.custodian.testsupport.TelemetryFleet;
import com.custodian.testsupport.TestDatabase;

/**
 * Figures for devices on this machine: telemetry ingestion over HTTP with 1 to 16 devices posting
 * beside a raw JDBC batch insert of the same rows, and the export of 1,000,000 points beside the
 * mariadb client dumping them, with the heap used and where the time goes. Prints each figure with
 * its ratio to its reference, writes the table to {@code target/benchmark/devices.md} and draws
 * {@code ingestion-against-raw-jdbc.svg} and {@code export-against-mariadb-client.svg} beside it from
 * the same run; asserts no time. Run with {@code ./mvnw -Pbenchmark test -Dtest=DevicesBenchmark}
 * (add {@code -DargLine=-Xmx256m} to export in a small heap).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DevicesBenchmark {

    static final int REQUESTS = 1200;
    static final int MESSAGES_PER_REQUEST = 100;
    static final int CLIENTS = 4;
    /** A larger fleet posting at once, where the telemetry writer's group commit shows. */
    static final int MANY_CLIENTS = 16;
    static final int EXPORT_POINTS = 1_000_000;
    static final int EXPORT_RUNS = 5;
    static final int[] CLIENT_COUNTS = {1, 2, 4, 8, 16};
    static final java.nio.file.Path OUT = java.nio.file.Path.of("target", "benchmark");
    private static final List<String> TABLE = new ArrayList<>();

    @LocalServerPort
    int port;
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
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void ingestion() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Benchmark " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("humidity", FieldType.NUMBER, "%"),
                new FieldSpec("battery", FieldType.NUMBER, "%")));
        List<NewDevice> overHttp = new ArrayList<>();
        for (int c = 0; c < MANY_CLIENTS; c++) {
            overHttp.add(devices.createDevice("bench-http-" + UUID.randomUUID(), "HTTP " + c, template.id()));
        }
        NewDevice overJdbc = devices.createDevice("bench-jdbc-" + UUID.randomUUID(), "JDBC", template.id());
        try {
            ingestion(overHttp, overJdbc);
        } finally {
            List<Long> ids = new ArrayList<>(overHttp.stream().map(d -> d.device().id()).toList());
            ids.add(overJdbc.device().id());
            devices.deleteDevices(ids);
            jdbc.update("delete from device_template where name like 'Benchmark %'");
        }
    }

    @Test
    void export() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Benchmark " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("humidity", FieldType.NUMBER, "%")));
        NewDevice exported = devices.createDevice("bench-export-" + UUID.randomUUID(), "Export", template.id());
        try {
            export(exported);
        } finally {
            devices.deleteDevices(List.of(exported.device().id()));
            jdbc.update("delete from device_template where name like 'Benchmark %'");
        }
    }

    private void ingestion(List<NewDevice> overHttp, NewDevice overJdbc) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(2));
        new TelemetryFleet(port, MESSAGES_PER_REQUEST).send(HttpClient.newHttpClient(), overHttp.getFirst(),
                start.minus(Duration.ofHours(1)), 0);
        long messages = (long) REQUESTS * MESSAGES_PER_REQUEST;
        overHttp(overHttp.subList(0, CLIENTS), start.minus(Duration.ofHours(2)), REQUESTS / 2); // warm-up
        double[] x = new double[CLIENT_COUNTS.length];
        double[] rates = new double[CLIENT_COUNTS.length];
        for (int level = 0; level < CLIENT_COUNTS.length; level++) {
            x[level] = CLIENT_COUNTS[level];
            rates[level] = overHttp(overHttp.subList(0, CLIENT_COUNTS[level]), start.plus(Duration.ofHours(level)),
                    REQUESTS);
        }
        double plainRate = overHttp(overHttp, start.plus(Duration.ofHours(CLIENT_COUNTS.length)), REQUESTS, true);

        // The reference, twice: the rows in the messages' order, then each batch in the primary key's
        // order (as the server sends them); the faster of the two is the one the figures are held against.
        double rawRate = 0;
        for (int run = 1; run <= 2; run++) {
            jdbc.update("delete from telemetry where device_ref = ?", overJdbc.device().id());
            long[] rawCpu = cpuMillis();
            long rawStarted = System.nanoTime();
            List<Object[]> rows = new ArrayList<>();
            for (int request = 1; request <= REQUESTS; request++) {
                rows.addAll(rawRows(overJdbc, start, request));
                if (rows.size() >= MESSAGES_PER_REQUEST * 3 * 10) {
                    if (run == 2) {
                        rows.sort(java.util.Comparator.<Object[], String>comparing(row -> (String) row[1])
                                .thenComparing(row -> (LocalDateTime) row[2]));
                    }
                    jdbc.batchUpdate("insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)", rows);
                    rows.clear();
                }
            }
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)", rows);
            }
            double rate = messages / ((System.nanoTime() - rawStarted) / 1e9);
            System.out.printf("BENCHMARK raw JDBC batch insert of the same rows (a commit per 3,000 rows), run %d (%s): "
                    + "%,.0f messages/s; %s%n", run, run == 2 ? "each batch in key order" : "in the messages' order", rate,
                    cpuSince(rawCpu, messages));
            rawRate = Math.max(rawRate, rate);
        }

        // The same rows again, committed per request-sized batch (300 rows), as a request alone would commit.
        jdbc.update("delete from telemetry where device_ref = ?", overJdbc.device().id());
        long perRequestStarted = System.nanoTime();
        for (int request = 1; request <= REQUESTS; request++) {
            jdbc.batchUpdate("insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)",
                    rawRows(overJdbc, start, request));
        }
        double perRequestRate = messages / ((System.nanoTime() - perRequestStarted) / 1e9);

        for (int level = 0; level < CLIENT_COUNTS.length; level++) {
            row("ingestion over HTTP, " + CLIENT_COUNTS[level] + (CLIENT_COUNTS[level] == 1 ? " device" : " devices")
                    + " posting (java.net.http clients)", rates[level], rawRate, "raw JDBC batch insert",
                    CLIENT_COUNTS[level] == MANY_CLIENTS ? "≥ 80 %" : "");
        }
        row("ingestion over HTTP, " + MANY_CLIENTS + " devices posting (plain-socket clients)", plainRate, rawRate,
                "raw JDBC batch insert", "≥ 80 %");
        row("raw JDBC batch insert, a commit per 3,000 rows (the faster of two: in the messages' order, "
                + "each batch in key order)", rawRate, rawRate,
                "itself", "");
        row("raw JDBC batch insert, a commit per 300 rows (one request's worth, one thread)", perRequestRate, rawRate,
                "raw JDBC batch insert", "");
        double[] rawLine = new double[CLIENT_COUNTS.length];
        java.util.Arrays.fill(rawLine, rawRate);
        double[] goalLine = new double[CLIENT_COUNTS.length];
        java.util.Arrays.fill(goalLine, 0.8 * rawRate);
        new SvgChart("Telemetry ingestion over HTTP beside a raw JDBC batch insert", "devices posting at once",
                "messages per second").series("over HTTP", x, rates).series("raw JDBC batch insert", x, rawLine)
                .series("80 % of it (the goal)", x, goalLine).write(OUT.resolve("ingestion-against-raw-jdbc.svg"));
    }

    private static List<Object[]> rawRows(NewDevice device, Instant start, int request) {
        List<Object[]> rows = new ArrayList<>(MESSAGES_PER_REQUEST * 3);
        for (int m = 0; m < MESSAGES_PER_REQUEST; m++) {
            LocalDateTime at = LocalDateTime.ofInstant(start.plusMillis(request * 1000L + m * 10L), ZoneOffset.UTC);
            for (String field : List.of("temperature", "humidity", "battery")) {
                rows.add(new Object[] { device.device().id(), field, at, 20.0 + m % 5 });
            }
        }
        return rows;
    }

    /** A row of the table: the figure, its reference and their ratio; printed, and written at the end. */
    private void row(String figure, double value, double reference, String referenceName, String goal) {
        String line = String.format(Locale.ROOT, "| %s | %,.0f | %,.0f (%s) | %.0f %% | %s |", figure, value, reference,
                referenceName, 100 * value / reference, goal);
        TABLE.add(line);
        System.out.println("BENCHMARK " + line);
    }

    /** Writes the table of the tests run so far (each test adds its rows) to target/benchmark/devices.md. */
    @AfterAll
    static void writeTable() throws java.io.IOException {
        java.nio.file.Files.createDirectories(OUT);
        java.nio.file.Files.writeString(OUT.resolve("devices.md"), "| figure | per second | reference per second | "
                + "ratio | goal |\n| --- | --- | --- | --- | --- |\n" + String.join("\n", TABLE) + "\n");
    }

    /** The fleet posts the requests over HTTP; prints the rate and how requests shared commits. */
    private double overHttp(List<NewDevice> fleet, Instant start, int requestsToSend) throws Exception {
        return overHttp(fleet, start, requestsToSend, false);
    }

    private double overHttp(List<NewDevice> fleet, Instant start, int requestsToSend, boolean plainClients)
            throws Exception {
        double commitsBefore = meters.counter("custodian.telemetry.commits").count();
        double requestsBefore = meters.counter("custodian.telemetry.requests").count();
        double commitSecondsBefore = meters.timer("custodian.telemetry.commit").totalTime(java.util.concurrent.TimeUnit.SECONDS);
        long[] cpu = cpuMillis();
        TelemetryFleet devicesPosting = new TelemetryFleet(port, MESSAGES_PER_REQUEST);
        double rate = plainClients ? devicesPosting.postPlain(fleet, start, requestsToSend)
                : devicesPosting.post(fleet, start, requestsToSend);
        long messages = (long) requestsToSend * MESSAGES_PER_REQUEST;
        double commits = meters.counter("custodian.telemetry.commits").count() - commitsBefore;
        double requests = meters.counter("custodian.telemetry.requests").count() - requestsBefore;
        System.out.printf("BENCHMARK ingestion over HTTP: %,d messages (%,d values) = %,.0f messages/s "
                + "(%d %sclients, each its own device, %d messages a request); %,.0f requests in %,.0f commits = %.1f "
                + "requests a commit, %.1f ms a commit (lock, insert, commit); %s%n", messages, messages * 3, rate,
                fleet.size(), plainClients ? "plain-socket " : "java.net.http ", MESSAGES_PER_REQUEST, requests, commits, requests / commits,
                1000 * (meters.timer("custodian.telemetry.commit").totalTime(java.util.concurrent.TimeUnit.SECONDS)
                        - commitSecondsBefore) / commits, cpuSince(cpu, messages));
        return rate;
    }

    private void export(NewDevice device) throws Exception {
        long id = device.device().id();
        Instant start = Instant.now().minus(Duration.ofDays(20));
        List<TelemetryPoint> chunk = new ArrayList<>();
        for (int i = 0; i < EXPORT_POINTS / 2; i++) {
            Instant at = start.plusMillis(i * 1000L);
            chunk.add(new TelemetryPoint("temperature", at, 20.0 + i % 13 / 10.0, null));
            chunk.add(new TelemetryPoint("humidity", at, 40.0 + i % 17 / 10.0, null));
            if (chunk.size() >= 20_000) {
                telemetry.insert(id, chunk);
                chunk.clear();
            }
        }
        telemetry.insert(id, chunk);

        // Each export beside a dump by the mariadb client, in turns, so that whatever else the machine
        // does weighs on both alike.
        // The first export of a fresh JVM runs partly interpreted: shown apart, as an instance's first.
        long coldStarted = System.nanoTime();
        long coldPoints = deviceData.export(List.of(id), new CountingOutputStream());
        double coldRate = coldPoints / ((System.nanoTime() - coldStarted) / 1e9);
        System.out.printf("BENCHMARK first export of this JVM: %,.0f points/s%n", coldRate);
        List<Double> exportRates = new ArrayList<>();
        List<Double> clientRates = new ArrayList<>();
        long peakOfAll = 0;
        long zipBytes = 0;
        for (int run = 1; run <= EXPORT_RUNS; run++) {
            System.gc();
            resetPeaks();
            long heapBefore = heapUsed();
            CountingOutputStream out = new CountingOutputStream();
            long started = System.nanoTime();
            long points = deviceData.export(List.of(id), out);
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heapPeak();
            peakOfAll = Math.max(peakOfAll, peak);
            zipBytes = out.bytes();
            exportRates.add(points / seconds);
            System.out.printf("BENCHMARK export %d of %,d telemetry points (ZIP, %,d bytes): %.2f s = %,.0f points/s; "
                    + "heap used before %,d MB, peak during export %,d MB (-Xmx %,d MB)%n", run, points, out.bytes(),
                    seconds, points / seconds, heapBefore >> 20, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            double client = mariadbClientDump(id, points);
            if (client > 0) {
                clientRates.add(client);
            }
        }
        long scanStarted = System.nanoTime();
        long[] scanned = new long[1];
        telemetry.scanText(id, DeviceDataService.SCAN_CHUNK, (field, time, number, text) -> scanned[0]++);
        double scanRate = scanned[0] / ((System.nanoTime() - scanStarted) / 1e9);
        System.out.printf("BENCHMARK reading the same %,d points through JDBC alone (no file written): %,.0f points/s%n",
                scanned[0], scanRate);
        if (Runtime.getRuntime().maxMemory() > 1L << 30) {
            whereTheExportTimeGoes(device, id);
        }

        double export = median(exportRates);
        String heap = String.format(Locale.ROOT, "; heap peak %,d MB of -Xmx %,d MB; ZIP %,d bytes", peakOfAll >> 20,
                Runtime.getRuntime().maxMemory() >> 20, zipBytes);
        if (clientRates.isEmpty()) {
            System.out.println("BENCHMARK mariadb client not installed: no comparison");
            return;
        }
        double client = median(clientRates);
        row("export of " + EXPORT_POINTS / 1_000_000 + ",000,000 points to a ZIP (median of " + EXPORT_RUNS + ")" + heap,
                export, client, "mariadb client dumping the rows", "≥ 50 %");
        row("the first export of this JVM (before the code is compiled)", coldRate, client,
                "mariadb client dumping the rows", "");
        row("reading the same points through JDBC alone", scanRate, client, "mariadb client dumping the rows", "");
        new SvgBarChart("Export of 1,000,000 points: medians of " + EXPORT_RUNS, "points per second")
                .bar("export to a ZIP", export)
                .bar("JDBC reading alone", scanRate)
                .bar("mariadb client", client)
                .goal("half the client's rate", client / 2)
                .write(OUT.resolve("export-against-mariadb-client.svg"));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The mariadb command-line client dumping the device's rows; rows/s, or 0 when it is not installed. */
    private static double mariadbClientDump(long device, long rows) throws InterruptedException {
        String database = URI.create(TestDatabase.settings().url().substring(5)).getPath().substring(1);
        ProcessBuilder dump = new ProcessBuilder("mariadb", "--host=127.0.0.1",
                "--user=" + TestDatabase.settings().user(), "--batch", "--quick", "-e",
                "select field, ts, num_value from telemetry where device_ref = " + device, database)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        try {
            long dumpStarted = System.nanoTime();
            int exit = dump.start().waitFor();
            double dumpSeconds = (System.nanoTime() - dumpStarted) / 1e9;
            System.out.printf("BENCHMARK mariadb client dumping the same %,d rows: %.2f s = %,.0f rows/s (exit %d)%n",
                    rows, dumpSeconds, rows / dumpSeconds, exit);
            return exit == 0 ? rows / dumpSeconds : 0;
        } catch (java.io.IOException noClient) {
            return 0;
        }
    }

    /**
     * Where an export's time goes: the rows read and written as CSV with neither digest nor
     * compression, then the digest and the compression (default and fastest level) of that CSV alone.
     * Holds the whole CSV (about 94 MB), so only with a large heap.
     */
    private void whereTheExportTimeGoes(NewDevice device, long id) throws Exception {
        java.io.ByteArrayOutputStream csvBytes = new java.io.ByteArrayOutputStream(100 << 20);
        long csvStarted = System.nanoTime();
        try (com.custodian.base.export.CsvStream csv = new com.custodian.base.export.CsvStream(csvBytes,
                List.of("deviceId", "field", "timestamp", "value"))) {
            byte[] deviceId = com.custodian.base.export.CsvStream.escaped(device.device().deviceId());
            telemetry.scanText(id, DeviceDataService.SCAN_CHUNK, (field, time, number, text) -> {
                csv.cell(deviceId);
                csv.cell(field);
                csv.cell(DeviceDataService.isoInstant(time));
                csv.cell(number);
                csv.endRow();
            });
        }
        double csvSeconds = (System.nanoTime() - csvStarted) / 1e9;
        System.out.printf("BENCHMARK reading them and writing the CSV (%,d bytes), no digest, no compression: %.2f s%n",
                csvBytes.size(), csvSeconds);
        byte[] csv = csvBytes.toByteArray();
        csvBytes = null;
        long digestStarted = System.nanoTime();
        java.security.MessageDigest.getInstance("SHA-256").digest(csv);
        double digestSeconds = (System.nanoTime() - digestStarted) / 1e9;
        for (int level : new int[] {java.util.zip.Deflater.DEFAULT_COMPRESSION, java.util.zip.Deflater.BEST_SPEED}) {
            CountingOutputStream zipped = new CountingOutputStream();
            long zipStarted = System.nanoTime();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipped)) {
                zip.setLevel(level);
                zip.putNextEntry(new java.util.zip.ZipEntry("telemetry.csv"));
                zip.write(csv);
                zip.closeEntry();
            }
            System.out.printf("BENCHMARK SHA-256 of that CSV: %.2f s; deflate at level %d: %.2f s (%,d bytes)%n",
                    digestSeconds, level, (System.nanoTime() - zipStarted) / 1e9, zipped.bytes());
        }
    }

    /** CPU time of this JVM and of the MariaDB server on this machine (zero when it runs elsewhere), in ms. */
    private static long[] cpuMillis() {
        return new long[] {CpuTime.jvmMillis(), CpuTime.mariadbMillis()};
    }

    private static String cpuSince(long[] before, long messages) {
        long[] now = cpuMillis();
        return String.format("CPU: this JVM %.2f s, MariaDB %.2f s (%.1f + %.1f µs a message)",
                (now[0] - before[0]) / 1e3, (now[1] - before[1]) / 1e3, (now[0] - before[0]) * 1e3 / messages,
                (now[1] - before[1]) * 1e3 / messages);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
