package com.custodian.cluster;

import static com.custodian.cluster.ClusterFixtures.list;
import static com.custodian.cluster.ClusterFixtures.newKey;
import static com.custodian.cluster.ClusterFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.custodian.e2e.Browser;
import com.custodian.testsupport.GaleraRules;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * Three instances of the production jar behind HAProxy, on a three-node Galera cluster, all on
 * loopback ({@code .ci/cluster}); machines are lost with {@code SIGKILL}. The tests run in order on
 * the one deployment: each leaves it with three instances and three nodes running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesOnCluster {

    /** How long a recurring job stays with a holder that stopped renewing (set short here). */
    private static final Duration HANDOVER = Duration.ofSeconds(10);
    private static final String ROOT = ClusterFixtures.ROOT;
    /** How soon a session sees a change of its access (set short here). */
    private static final Duration RECHECK = Duration.ofSeconds(5);

    private static GreenMail mail;
    private static HoldingSmtpRelay relay;
    private static Cluster cluster;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void deploy() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        relay = new HoldingSmtpRelay(mail.getSmtp().getPort());
        cluster = Cluster.start(Map.of("CUSTODIAN_DEMO", "true", "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(relay.port()), "SMTP_STARTTLS", "false",
                "ALERT_EMAIL_FROM", "alerts@contoso.test", "CUSTODIAN_JOBS_HANDOVER_AFTER", HANDOVER.toSeconds() + "s",
                "CUSTODIAN_SIMULATOR_INTERVAL", "2s", "CUSTODIAN_ALERTS_WINDOW_CHECK", "5s",
                "CUSTODIAN_ALERTS_CLAIM_MARGIN", "10s",
                "CUSTODIAN_SECURITY_RECHECK_PERMISSIONS_AFTER", RECHECK.toSeconds() + "s"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    @Order(1)
    void threeInstancesStartingAtOnceOnANewClusterMigrateItOnce() throws Exception {
        cluster.startInstances(1, 2, 3);

        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            assertThat(single(statement, "select count(*) from DATABASECHANGELOG")).as("each changeset once")
                    .isEqualTo(single(statement, "select count(distinct ID) from DATABASECHANGELOG")).isPositive();
            assertThat(GaleraRules.tablesWithoutPrimaryKey(statement)).as("tables without a primary key").isEmpty();
            assertThat(GaleraRules.tablesNotInnoDb(statement)).as("tables Galera does not replicate").isEmpty();
            assertThat(single(statement, "select count(*) from organization")).as("demo data added once")
                    .isEqualTo(3);
            assertThat(single(statement, "select count(*) from device")).isEqualTo(3);
        }
        for (int node = 1; node <= 3; node++) {
            try (Connection db = cluster.node(node); Statement statement = db.createStatement()) {
                assertThat(status(statement, "wsrep_cluster_size")).isEqualTo("3");
                assertThat(single(statement, "select count(*) from DATABASECHANGELOG")).as("replicated to node " + node)
                        .isPositive();
            }
        }
        for (int instance = 1; instance <= 3; instance++) {
            assertThat(cluster.log(instance)).doesNotContain("Application run failed");
        }
    }

    @Test
    @Order(2)
    void eachRecurringJobRunsOnOneInstanceAndPassesOnWhenItsHolderIsKilled() throws Exception {
        List<String> jobs = List.of("alert-sender", "alert-windows", "demo-simulator");
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> holders(jobs).size() == jobs.size());
        Map<String, String> first = holders(jobs);
        Thread.sleep(5_000);
        assertThat(holders(jobs)).as("the holders keep their jobs").isEqualTo(first);

        // The simulator feeds each demo device once per interval (2 s), not once per instance.
        long demoDevice;
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            demoDevice = single(statement, "select id from device where device_id = 'sensor-lobby-01'");
        }
        LocalDateTime since = LocalDateTime.now(ZoneOffset.UTC);
        Thread.sleep(12_000);
        try (Connection db = cluster.database();
                PreparedStatement readings = db.prepareStatement("select count(distinct ts) from telemetry "
                        + "where device_ref = ? and ts >= ? and field = 'temperature'")) {
            readings.setLong(1, demoDevice);
            readings.setObject(2, since);
            try (ResultSet rs = readings.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("readings in 12 s at one every 2 s").isBetween(4, 7);
            }
        }

        // The sender's holder is lost: another instance holds the job within the lease.
        String sender = first.get("alert-sender");
        int holder = cluster.instanceNamed(sender);
        assertThat(holder).as("the holder is one of the instances: " + sender).isPositive();
        Instant killed = Instant.now();
        cluster.killInstance(holder);
        // Within the lease: the handover time plus the job's pause (5 s at most here), and a run.
        Awaitility.await().atMost(HANDOVER.plusSeconds(5 + 10)).pollInterval(Duration.ofMillis(250))
                .until(() -> holders(jobs).values().stream().noneMatch(sender::equals)
                        && holders(jobs).size() == jobs.size());
        Duration handedOver = Duration.between(killed, Instant.now());
        System.out.printf("Jobs of the killed instance %d taken over after %d ms (lease %d s plus the job's pause)%n", holder,
                handedOver.toMillis(), HANDOVER.toSeconds());
        assertThat(holders(jobs).values()).as("nobody holds a job for the dead instance").doesNotContain(sender);
        cluster.restartInBackground(holder);
    }

    @Test
    @Order(3)
    void anAlertRuleThatFiresEmailsOnceWhicheverInstanceEvaluatedIt() throws Exception {
        cluster.awaitInstances(1, 2, 3);
        // Alert emails go to people who have signed in: the operator does, through the load balancer.
        try (Browser operator = browser("cluster-operator")) {
            operator.signIn("operator@contoso.test");
        }
        mail.purgeEmailFromAllMailboxes();
        // Each instance receives one reading of a device of its own, and evaluates it against that device's rule.
        String key = newKey();
        for (int instance = 1; instance <= 3; instance++) {
            createRule("Cluster once " + instance, createDevice("cluster-sensor-once-" + instance, key), 1000);
        }
        awaitRulesLoaded();
        for (int instance = 1; instance <= 3; instance++) {
            HttpResponse<String> answer = post(cluster.instanceUrl(instance, "/api/devices/cluster-sensor-once-"
                    + instance + "/telemetry"), key, "[{\"temperature\": 1500, \"humidity\": 40}]");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> mail.getReceivedMessages().length >= 3);
        Thread.sleep(6_000); // time for a second send, if any instance were to make one
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(3);
        Set<String> subjects = new TreeSet<>();
        for (MimeMessage message : received) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).hasSize(3).allSatisfy(subject -> assertThat(subject).contains("Cluster once"));
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            assertThat(single(statement, "select count(*) from alert_email e join alert_rule r on r.id = e.rule_id "
                    + "where r.name like 'Cluster once %' and e.status = 'SENT'")).isEqualTo(3);
        }
    }

    @Test
    @Order(4)
    void anEmailWhoseSenderIsKilledMidDeliveryIsSentOnceByAnotherInstance() throws Exception {
        cluster.awaitInstances(1, 2, 3);
        mail.purgeEmailFromAllMailboxes();
        String key = newKey();
        String device = createDevice("cluster-sensor-kill", key);
        createRule("Cluster kill", device, 500);
        awaitRulesLoaded();
        String sender = holders(List.of("alert-sender")).get("alert-sender");
        int holder = cluster.instanceNamed(sender);
        assertThat(holder).isPositive();

        relay.hold();
        try {
            killTheSenderMidDelivery(device, key, holder);
        } finally {
            relay.release();
        }

        // Another instance takes the sender over, finds the claim lapsed, and sends it: once.
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> mail.getReceivedMessages().length >= 1);
        Thread.sleep(6_000);
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getSubject()).contains("Cluster kill");
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            assertThat(list(statement, "select concat(e.status, ' ', e.attempts) from alert_email e "
                    + "join alert_rule r on r.id = e.rule_id where r.name = 'Cluster kill'")).containsExactly("SENT 2");
        }
        assertThat(cluster.instanceNamed(holders(List.of("alert-sender")).get("alert-sender")))
                .isPositive().isNotEqualTo(holder);
        cluster.restartInBackground(holder);
    }

    @Test
    @Order(5)
    void telemetryPostedWhileAnInstanceAndANodeAreLostIsStoredOnceAndWhole() throws Exception {
        cluster.awaitInstances(1, 2, 3);
        int devices = 6;
        Map<String, String> keys = new HashMap<>();
        for (int i = 0; i < devices; i++) {
            String key = newKey();
            keys.put(createDevice("cluster-load-" + i, key), key);
        }
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Map<String, Set<Integer>> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (Map.Entry<String, String> device : keys.entrySet()) {
            acknowledged.put(device.getKey(), ConcurrentHashMap.newKeySet());
            senders.add(Thread.ofVirtual().start(() -> {
                for (int message = 0; !stop.get(); message++) {
                    String body = "[{\"timestamp\": \"" + base.plusMillis(message * 10L) + "\", \"temperature\": "
                            + message + ", \"humidity\": " + (message % 100) + "}]";
                    // A device resends what was not acknowledged: a resend must be harmless.
                    for (int attempt = 0;; attempt++) {
                        try {
                            HttpResponse<String> answer = post(cluster.url("/api/devices/" + device.getKey()
                                    + "/telemetry"), device.getValue(), body);
                            // HAProxy answers itself (HTML) for a request its instance died in the middle of.
                            String from = answer.body().startsWith("{") ? "" : " from the balancer";
                            answers.computeIfAbsent(answer.statusCode() + from, code -> new AtomicInteger())
                                    .incrementAndGet();
                            if (answer.statusCode() == 202) {
                                acknowledged.get(device.getKey()).add(message);
                                break;
                            }
                            refused.incrementAndGet();
                        } catch (Exception unreachable) {
                            answers.computeIfAbsent(unreachable.getClass().getSimpleName(), code -> new AtomicInteger())
                                    .incrementAndGet();
                            refused.incrementAndGet();
                        }
                        sleep(200);
                    }
                }
            }));
        }
        sleep(5_000);
        int writer = writerNode();
        cluster.killInstance(2);
        cluster.killNode(writer);
        System.out.printf("Killed instance 2 and Galera node %d (the writer) under load%n", writer);
        sleep(15_000);
        stop.set(true);
        for (Thread sender : senders) {
            sender.join(Duration.ofMinutes(2));
        }

        int total = acknowledged.values().stream().mapToInt(Set::size).sum();
        System.out.printf("Telemetry under faults: %d messages acknowledged, %d answers other than 202 resent; "
                + "answers %s%n", total, refused.get(), answers);
        assertThat(answers.keySet()).as("Custodian tells a device to send again, never answers a server error")
                .allMatch(answer -> answer.equals("202") || answer.equals("503") || answer.endsWith("from the balancer")
                        || !Character.isDigit(answer.charAt(0)));
        assertThat(total).as("the load went on").isGreaterThan(devices * 10);
        assertThat(refused.get()).as("the faults were felt").isPositive();
        try (Connection db = cluster.database()) {
            for (Map.Entry<String, Set<Integer>> device : acknowledged.entrySet()) {
                // The simulator of the demo setup feeds these devices too, at the present time.
                try (PreparedStatement rows = db.prepareStatement("select t.ts, count(*) from telemetry t join device d "
                        + "on d.id = t.device_ref where d.device_id = ? and t.ts < ? group by t.ts")) {
                    rows.setString(1, device.getKey());
                    rows.setObject(2, LocalDateTime.ofInstant(base.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
                    int stored = 0;
                    try (ResultSet rs = rows.executeQuery()) {
                        while (rs.next()) {
                            assertThat(rs.getInt(2)).as("both values of a message, or none").isEqualTo(2);
                            stored++;
                        }
                    }
                    assertThat(stored).as("every acknowledged message of " + device.getKey() + " stored, once")
                            .isEqualTo(device.getValue().size());
                }
            }
        }
        cluster.startNode(writer);
        cluster.restartInBackground(2);
        try (Connection db = cluster.node(writer); PreparedStatement count = db.prepareStatement("select count(*) "
                + "from telemetry t join device d on d.id = t.device_ref where d.device_id like 'cluster-load-%' "
                + "and t.ts < ?")) {
            count.setObject(1, LocalDateTime.ofInstant(base.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("the returning node caught up").isEqualTo(total * 2L);
            }
        }
    }

    @Test
    @Order(6)
    void aDeletionMadeOnOneInstanceReachesASessionOpenOnAnother() throws Exception {
        cluster.awaitInstances(1, 2, 3);
        try (Browser lukas = browser("cluster-lukas"); Browser admin = browser("cluster-admin")) {
            String lukasInstance = landOnAnotherThan(lukas, "");
            lukas.signIn("lukas@contoso.test").go("/devices");
            assertThat(lukas.awaitGridText("devices-grid", "sensor-warehouse-02")).isNotEmpty();

            String adminInstance = landOnAnotherThan(admin, lukasInstance);
            admin.signIn("admin@contoso.test").go("/users");
            admin.rowAction("users-grid", "lukas@contoso.test", "Delete");
            admin.confirm("confirm-delete");
            admin.awaitNotification("1 user was deleted.");
            Instant deleted = Instant.now();
            assertThat(instanceOf(admin)).isEqualTo(adminInstance);

            // Lukas's session on his instance loses its access within the recheck interval.
            lukas.until(driver -> {
                lukas.go("/devices");
                return lukas.path().equals("/no-access") || lukas.text().contains("No access to this application");
            });
            System.out.printf("A deletion on %s reached a session on %s after %d ms (recheck %s)%n", adminInstance,
                    lukasInstance, Duration.between(deleted, Instant.now()).toMillis(), RECHECK);
            assertThat(Duration.between(deleted, Instant.now())).isLessThan(RECHECK.plusSeconds(10));
            assertThat(instanceOf(lukas)).as("still served by the instance he signed in on").isEqualTo(lukasInstance);
        }
    }

    @Test
    @Order(7)
    void aBrowserWhoseInstanceDiesSignsInAgainOnAnotherAndLosesNothingStored() throws Exception {
        cluster.awaitInstances(1, 2, 3);
        try (Browser admin = browser("cluster-failover")) {
            String first = landOnAnotherThan(admin, "");
            admin.signIn("admin@contoso.test").go("/users");
            admin.click("assign-user").type("assign-identifier", "erin@contoso.test").check("assign-roles", "App Operator")
                    .click("assign-confirm");
            assertThat(admin.awaitGridText("users-grid", "erin@contoso.test")).contains("App Operator");

            int lost = Integer.parseInt(first.substring(3));
            cluster.killInstance(lost);
            // The next request reaches another instance, which has no such session: a page asked for
            // goes to the sign-in page; a request of the open page (Vaadin's) to "your session has ended".
            admin.go("/users");
            admin.until(driver -> admin.path().equals("/login") || admin.path().equals("/session-ended"));
            if (admin.path().equals("/session-ended")) {
                assertThat(admin.awaitText("Your session has ended")).contains("Sign in again");
                admin.click("sign-in-again");
                admin.until(driver -> admin.path().equals("/login"));
            }
            admin.screenshot("cluster-sign-in-again-after-its-instance-died");
            admin.signInHere("admin@contoso.test").go("/users");
            assertThat(instanceOf(admin)).as("served by another instance").isNotEqualTo(first).isNotEmpty();
            assertThat(admin.awaitGridText("users-grid", "erin@contoso.test")).contains("App Operator");
            cluster.restartInBackground(lost);
        }
    }

    @Test
    @Order(8)
    void anErasureInterruptedByTheLossOfItsInstanceIsWhollyDoneOrNotAtAll() throws Exception {
        cluster.awaitInstances(1, 2, 3);
        String key = newKey();
        String device = createDevice("cluster-erase-01", key);
        long rows;
        try (Browser admin = browser("cluster-erasure")) {
            String serving = landOnAnotherThan(admin, "");
            admin.signIn("admin@contoso.test").go("/data-requests").click("new-request-button")
                    .pick("new-request-type", "Erasure").type("request-subject", device).click("open-request");
            admin.until(driver -> admin.path().matches("/data-requests/\\d+"));
            admin.awaitText(device);
            try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
                // Half a million values: an erasure that takes a while.
                statement.executeUpdate("insert into telemetry (device_ref, field, ts, num_value) select d.id, "
                        + "'temperature', utc_timestamp() - interval 20 day + interval s.seq second, s.seq "
                        + "from device d, seq_1_to_500000 s where d.device_id = '" + device + "'");
                rows = single(statement, ERASED_VALUES.formatted(device));
            }
            admin.click("erase-request");
            admin.awaitText("Erase everything about the subject?");
            // Clicked without waiting for the answer: the erasure is still running when the instance goes.
            admin.until(driver -> admin.js("const b = document.querySelector("
                    + "\"#confirm-erase-request [slot='confirm-button']\"); if (b) { b.click(); } return !!b;"));
            // The instance is lost while the erasure's transaction is deleting.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> erasing() > 1000);
            cluster.killInstance(Integer.parseInt(serving.substring(3)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> erasing() == 0);
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            long left = single(statement, ERASED_VALUES.formatted(device));
            long devices = single(statement, "select count(*) from device where device_id = '" + device + "'");
            List<String> request = list(statement, "select concat(status, ' ', receipt is not null, ' ', "
                    + "subject is not null) from data_request where request_type = 'ERASURE' order by id desc limit 1");
            System.out.printf("Erasure interrupted: %d of %d values left, device rows %d, request %s%n", left, rows,
                    devices, request);
            boolean wholly = left == 0 && devices == 0 && request.equals(List.of("COMPLETED 1 0"));
            boolean notAtAll = left == rows && devices == 1 && request.getFirst().endsWith(" 0 1");
            assertThat(wholly || notAtAll).as("wholly done or not at all").isTrue();
        }
    }

    @Test
    @Order(9)
    void aWriteConflictBetweenNodesFailsTheLaterCommitAsTheDeadlockTheCodeHandles() throws Exception {
        try (Connection first = cluster.node(2); Connection second = cluster.node(3);
                Statement setup = first.createStatement()) {
            setup.executeUpdate("insert into job_lock (name, locked_until, locked_at, locked_by) values "
                    + "('test-conflict', utc_timestamp(6), utc_timestamp(6), 'nobody')");
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().executeUpdate("update job_lock set locked_by = 'node 2' where name = 'test-conflict'");
            second.createStatement().executeUpdate("update job_lock set locked_by = 'node 3' where name = 'test-conflict'");
            second.commit();
            java.sql.SQLException lost = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                    first::commit);
            assertThat((Throwable) lost).as("Galera certified node 3's commit first").isNotNull();
            assertThat(lost.getErrorCode()).isEqualTo(1213);
            // As Spring hands it to the code: a transient failure jobs skip, the console reports, devices resend.
            Throwable translated = new org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator("MariaDB")
                    .translate("commit", null, lost);
            assertThat(translated)
                    .isInstanceOf(org.springframework.dao.PessimisticLockingFailureException.class)
                    .isInstanceOf(org.springframework.dao.TransientDataAccessException.class);
            second.setAutoCommit(true);
            second.createStatement().executeUpdate("delete from job_lock where name = 'test-conflict'");
        }
    }

    // --- fixtures ---------------------------------------------------------------------------------

    /** The values stored for the erasure (the demo simulator adds its own, at the present time). */
    private static final String ERASED_VALUES = "select count(*) from telemetry t join device d on d.id = t.device_ref "
            + "where d.device_id = '%s' and t.ts < utc_timestamp() - interval 1 day";

    /** Rows the transactions open on the writer node have changed so far. */
    private static long erasing() throws SQLException {
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            return single(statement, "select coalesce(max(trx_rows_modified), 0) from information_schema.innodb_trx");
        }
    }

    private static Browser browser(String name) throws java.io.IOException {
        return new Browser(cluster::url, name, "en-US");
    }

    /**
     * Lets HAProxy place a new browser (round robin) until it lands on another instance than the one
     * named; returns HAProxy's name of it ({@code app1} to {@code app3}).
     */
    private static String landOnAnotherThan(Browser browser, String avoided) {
        for (int attempt = 0; attempt < 10; attempt++) {
            browser.driver().manage().deleteAllCookies();
            browser.driver().get(cluster.url("/actuator/health/liveness"));
            String instance = instanceOf(browser);
            if (!instance.isEmpty() && !instance.equals(avoided)) {
                return instance;
            }
        }
        throw new AssertionError("HAProxy kept sending a new browser to " + avoided);
    }

    /** The instance HAProxy sends the browser to. */
    private static String instanceOf(Browser browser) {
        org.openqa.selenium.Cookie cookie = browser.driver().manage().getCookieNamed("CUSTODIAN_INSTANCE");
        return cookie == null ? "" : cookie.getValue();
    }

    /** Fires the rule; once the sender's holder is connected to the (held) mail server, kills it. */
    private static void killTheSenderMidDelivery(String device, String key, int holder) throws Exception {
        HttpResponse<String> answer = post(cluster.url("/api/devices/" + device + "/telemetry"), key,
                "[{\"temperature\": 900, \"humidity\": 40}]");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        // The holder claims the email and connects to the mail server, which does not answer yet.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.held() > 0);
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            assertThat(list(statement, "select e.status from alert_email e join alert_rule r on r.id = e.rule_id "
                    + "where r.name = 'Cluster kill'")).containsExactly("SENDING");
        }
        cluster.killInstance(holder);
    }

    /** A device of the Environmental sensor template in the root organization, with this key. */
    private static String createDevice(String deviceId, String key) throws SQLException {
        try (Connection db = cluster.database()) {
            return ClusterFixtures.createDevice(db, deviceId, key);
        }
    }

    /** A per-message rule on one device: temperature above the threshold emails the operator. */
    private static void createRule(String name, String deviceId, double threshold) throws SQLException {
        try (Connection db = cluster.database()) {
            db.setAutoCommit(false);
            long id;
            try (Statement statement = db.createStatement()) {
                id = single(statement, "select next value for alert_rule_seq");
            }
            try (PreparedStatement rule = db.prepareStatement("insert into alert_rule (id, name, enabled, target_kind, "
                    + "match_mode, aggregation, created_at, updated_at, version, organization_id) values "
                    + "(?, ?, true, 'DEVICES', 'ALL', 'NONE', utc_timestamp(6), utc_timestamp(6), 0, ?)");
                    PreparedStatement condition = db.prepareStatement("insert into alert_condition (rule_id, position, "
                            + "field, operator, threshold) values (?, 0, 'temperature', 'GT', ?)");
                    PreparedStatement target = db.prepareStatement("insert into alert_rule_device (rule_id, device_ref) "
                            + "select ?, id from device where device_id = ?");
                    PreparedStatement recipient = db.prepareStatement(
                            "insert into alert_recipient (rule_id, email) values (?, 'operator@contoso.test')")) {
                rule.setLong(1, id);
                rule.setString(2, name);
                rule.setString(3, ROOT);
                rule.executeUpdate();
                condition.setLong(1, id);
                condition.setDouble(2, threshold);
                condition.executeUpdate();
                target.setLong(1, id);
                target.setString(2, deviceId);
                target.executeUpdate();
                recipient.setLong(1, id);
                recipient.executeUpdate();
            }
            db.commit();
        }
    }

    /** The instances notice a rule change within 5 s. */
    private static void awaitRulesLoaded() throws InterruptedException {
        Thread.sleep(7_000);
    }

    private static HttpResponse<String> post(String url, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "DeviceKey " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Galera node HAProxy sends the instances' connections to. */
    private static int writerNode() throws SQLException {
        try (Connection db = cluster.database(); Statement statement = db.createStatement()) {
            return Integer.parseInt(single(statement, "select @@port") + "") - 3310;
        }
    }

    private static Map<String, String> holders(List<String> jobs) throws SQLException {
        Map<String, String> holders = new HashMap<>();
        try (Connection db = cluster.database(); Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select name, locked_by from job_lock "
                        + "where locked_until > utc_timestamp(6)")) {
            while (rs.next()) {
                if (jobs.contains(rs.getString(1))) {
                    holders.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return holders;
    }

    private static String status(Statement statement, String variable) throws SQLException {
        try (ResultSet rs = statement.executeQuery("show global status like '" + variable + "'")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
