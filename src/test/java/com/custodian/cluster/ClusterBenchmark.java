package com.custodian.cluster;

import static com.custodian.cluster.ClusterFixtures.newKey;
import static com.custodian.cluster.ClusterFixtures.single;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.custodian.e2e.Browser;
import com.custodian.testsupport.TelemetryFleet;
import com.custodian.testsupport.TestDatabase;

/**
 * The deployment's figures, in one run on this machine: telemetry ingestion over HTTP through
 * HAProxy and the Users page's time in a browser, with one instance on a single MariaDB server, one
 * instance on the three-node Galera cluster, and three instances on it; beside each, a raw JDBC
 * batch insert of the same rows on the same database; and each instance's resident memory.
 * Figures are printed, never asserted. Needs the production jar, Debian's haproxy, galera-4 and
 * chromium (run {@code ./mvnw -Pbenchmark verify -Dtest=ClusterBenchmark}).
 */
class ClusterBenchmark {

    private static final int DEVICES = 16;
    private static final int MESSAGES_PER_REQUEST = 100;
    private static final int REQUESTS = 800;
    private static final int USERS = 2_000;
    private static final int PAGE_LOADS = 15;

    private static Cluster cluster;

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private record Figures(String setup, double ingestion, double raw, double pageIdle, double pageUnderLoad,
            List<Long> residentMegabytes) {
    }

    @Test
    void oneAndThreeInstancesOnGaleraBesideASingleServer() throws Exception {
        cluster = Cluster.start(Map.of("CUSTODIAN_DEMO", "true", "CUSTODIAN_SIMULATOR_ENABLED", "false",
                "CUSTODIAN_APP_JAVA_OPTIONS", "-Xmx512m"));
        List<Figures> figures = new ArrayList<>();

        TestDatabase.Settings single = TestDatabase.fresh();
        cluster.startInstancesOn(single.url(), single.user(), single.password(), 1);
        try (Connection db = DriverManager.getConnection(single.url(), single.user(), single.password())) {
            figures.add(measure("1 instance, single MariaDB server", db, 1));
        }
        cluster.stopInstance(1);

        cluster.startInstances(1);
        try (Connection db = cluster.database()) {
            figures.add(measure("1 instance, Galera (3 nodes)", db, 1));
            cluster.startInstances(2, 3);
            figures.add(measure("3 instances, Galera (3 nodes)", db, 3));
        }

        System.out.println();
        System.out.println("BENCHMARK deployment, all on this machine's 2 cores: HTTP through HAProxy, "
                + DEVICES + " devices posting " + MESSAGES_PER_REQUEST + " messages a request");
        System.out.printf("%-36s %14s %14s %7s %12s %12s %s%n", "setup", "messages/s", "raw JDBC/s", "ratio",
                "Users page", "under load", "resident MB per instance");
        for (Figures f : figures) {
            System.out.printf("%-36s %,14.0f %,14.0f %6.0f%% %9.0f ms %9.0f ms %s%n", f.setup(), f.ingestion(), f.raw(),
                    100 * f.ingestion() / f.raw(), f.pageIdle(), f.pageUnderLoad(), f.residentMegabytes());
        }
        Figures reference = figures.getFirst();
        for (Figures f : figures.subList(1, figures.size())) {
            System.out.printf("BENCHMARK %s: ingestion %.0f%% of the single server's, Users page %.1f times its time "
                    + "(%.1f under load)%n", f.setup(), 100 * f.ingestion() / reference.ingestion(),
                    f.pageIdle() / reference.pageIdle(), f.pageUnderLoad() / reference.pageUnderLoad());
        }
    }

    private static Figures measure(String setup, Connection db, int instances) throws Exception {
        String tag = setup.replaceAll("\\W+", "-").toLowerCase();
        List<TelemetryFleet.Sender> fleet = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String key = newKey();
            fleet.add(new TelemetryFleet.Sender(ClusterFixtures.createDevice(db, tag + "-" + i, key), key));
        }
        addUsers(db);
        TelemetryFleet http = new TelemetryFleet(Cluster.HTTP_PORT, MESSAGES_PER_REQUEST);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        http.postAs(fleet, start.minus(Duration.ofHours(12)), REQUESTS / 4); // warm-up
        double ingestion = http.postAs(fleet, start, REQUESTS);
        double raw = rawInsert(db, start.plus(Duration.ofHours(12)));

        double idle;
        double underLoad;
        try (Browser admin = new Browser(cluster::url, "benchmark-" + tag, "en-US")) {
            admin.signIn("admin@contoso.test");
            idle = usersPage(admin);
            Thread load = Thread.ofVirtual().start(() -> {
                try {
                    http.postAs(fleet, start.plus(Duration.ofDays(1)), REQUESTS * 4);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            underLoad = usersPage(admin);
            load.join();
        }
        List<Long> resident = new ArrayList<>();
        for (int instance = 1; instance <= instances; instance++) {
            resident.add(residentMegabytes(cluster.pid(instance)));
        }
        System.out.printf("BENCHMARK %s: %,.0f messages/s over HTTP, raw JDBC batch insert %,.0f messages/s; Users "
                + "page %.0f ms (median of %d), %.0f ms while devices post; resident %s MB%n", setup, ingestion, raw,
                idle, PAGE_LOADS, underLoad, resident);
        return new Figures(setup, ingestion, raw, idle, underLoad, resident);
    }

    /** People on the Users page: a role each, shown by object ID (the demo directory does not know them). */
    private static void addUsers(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            if (single(statement, "select count(*) from app_user") > USERS) {
                return;
            }
            statement.executeUpdate("insert into app_user (id, tenant_id, object_id, principal_type, added_at, version) "
                    + "select 5000000 + s.seq, (select tenant_id from app_user limit 1), uuid(), 'PERSON', "
                    + "utc_timestamp(6), 0 from seq_1_to_" + USERS + " s");
            statement.executeUpdate("insert into role_assignment (user_id, role_id, organization_id) select 5000000 + "
                    + "s.seq, (select role_id from role_assignment limit 1), '" + ClusterFixtures.ROOT + "' from seq_1_to_"
                    + USERS + " s");
        }
    }

    /** The same rows as the HTTP requests carry, batch-inserted straight into the same database. */
    private static double rawInsert(Connection db, Instant start) throws SQLException {
        long deviceRef;
        try (Statement statement = db.createStatement()) {
            deviceRef = single(statement, "select max(id) from device");
        }
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        long started = System.nanoTime();
        try (PreparedStatement insert = db.prepareStatement(
                "insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)")) {
            int rows = 0;
            for (int request = 1; request <= REQUESTS; request++) {
                for (int m = 0; m < MESSAGES_PER_REQUEST; m++) {
                    Timestamp at = Timestamp.from(start.plusMillis(request * 1000L + m * 10L));
                    for (String field : List.of("temperature", "humidity", "battery")) {
                        insert.setLong(1, deviceRef);
                        insert.setString(2, field);
                        insert.setTimestamp(3, at);
                        insert.setDouble(4, 20.0 + m % 5);
                        insert.addBatch();
                        rows++;
                    }
                }
                if (rows >= 3_000) {
                    insert.executeBatch();
                    db.commit();
                    rows = 0;
                }
            }
            insert.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return (double) REQUESTS * MESSAGES_PER_REQUEST / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Median time to open the Users page and show its first rows, as the browser measures it: from
     * the start of the navigation until a row's roles are on screen (polled in the page, every 10 ms).
     */
    private static double usersPage(Browser admin) {
        admin.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        usersPageOnce(admin);
        double[] times = new double[PAGE_LOADS];
        for (int i = 0; i < PAGE_LOADS; i++) {
            times[i] = usersPageOnce(admin);
        }
        Arrays.sort(times);
        return times[PAGE_LOADS / 2];
    }

    private static double usersPageOnce(Browser admin) {
        admin.driver().get(cluster.url("/users"));
        Object shown = ((org.openqa.selenium.JavascriptExecutor) admin.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const check = () => {
                  const grid = document.getElementById('users-grid');
                  const cells = grid ? [...grid.querySelectorAll('vaadin-grid-cell-content')] : [];
                  if (cells.some(cell => cell.textContent.includes('App '))) {
                    done(performance.now());
                  } else {
                    setTimeout(check, 10);
                  }
                };
                check();""");
        return ((Number) shown).doubleValue();
    }

    private static long residentMegabytes(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
