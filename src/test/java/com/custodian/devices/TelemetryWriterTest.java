package com.custodian.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.SignIn;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The telemetry writer's group commit on MariaDB: requests that arrive during a commit share the
 * next one, a failing request spoils only itself, and a write racing an erasure stores nothing.
 * Another connection holds row locks to make the interleavings certain.
 */
@SpringBootTest
class TelemetryWriterTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryWriter writer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;

    private final List<NewDevice> created = new ArrayList<>();
    private TemplateSummary template;

    @BeforeEach
    void devices() {
        SignIn.as(context, SignIn.ADMIN);
        template = devices.createTemplate("Writer test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        for (int i = 0; i < 4; i++) {
            created.add(devices.createDevice("writer-" + UUID.randomUUID(), "Writer test " + i, template.id()));
        }
        SignIn.out();
    }

    @AfterEach
    void cleanUp() {
        SignIn.as(context, SignIn.ADMIN);
        devices.deleteDevices(created.stream().map(device -> device.device().id()).toList());
        jdbc.update("delete from device_template where name like 'Writer test %'");
        SignIn.out();
    }

    @Test
    void requestsArrivingDuringACommitShareTheNextOne() throws Exception {
        double commitsBefore = meters.counter("custodian.telemetry.commits").count();
        CompletableFuture<Integer> first;
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        try (Connection blocker = lockedDevice(0)) {
            first = writer.submit(id(0), received(0, 1.0));
            // The writer now waits for the lock inside its transaction; these queue behind it.
            await().until(() -> lockWaits() > 0);
            for (int i = 1; i < 4; i++) {
                waiting.add(writer.submit(id(i), received(i, 2.0)));
            }
            blocker.rollback();
        }
        assertThat(first.join()).isEqualTo(1);
        waiting.forEach(write -> assertThat(write.join()).isEqualTo(1));
        assertThat(meters.counter("custodian.telemetry.commits").count() - commitsBefore).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            assertThat(points(i)).isEqualTo(1);
        }
    }

    @Test
    void aWriteRacingAnErasureIsRefusedAndStoresNothing() throws Exception {
        CompletableFuture<Integer> write;
        try (Connection erasure = lockedDevice(0)) {
            write = writer.submit(id(0), received(0, 1.0));
            await().until(() -> lockWaits() > 0);
            erasure.createStatement().executeUpdate("delete from telemetry where device_ref = " + id(0));
            erasure.createStatement().executeUpdate("delete from device where id = " + id(0));
            erasure.commit();
        }
        assertThatThrownBy(write::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(IngestionException.class, refusal -> assertThat(refusal.status()).isEqualTo(401));
        assertThat(points(0)).isZero();
        created.removeFirst();
    }

    @Test
    void aRequestThatFailsInAGroupFailsAloneAndTheOthersAreStored() throws Exception {
        CompletableFuture<Integer> first;
        CompletableFuture<Integer> broken;
        CompletableFuture<Integer> fine;
        try (Connection blocker = lockedDevice(0)) {
            first = writer.submit(id(0), received(0, 1.0));
            await().until(() -> lockWaits() > 0);
            // A write that fails halfway through its rows (ingestion never builds one; here it stands
            // for any statement failure) in the same group as a good request.
            List<TelemetryPoint> halfBroken = new ArrayList<>(received(1, 2.0).points());
            halfBroken.add(null);
            broken = writer.submit(id(1), new TelemetryReceived(id(1), created.get(1).device().deviceId(), "Writer test",
                    template.id(), com.custodian.security.Scope.ROOT, halfBroken));
            fine = writer.submit(id(2), received(2, 3.0));
            blocker.rollback();
        }
        assertThat(first.join()).isEqualTo(1);
        assertThat(fine.join()).isEqualTo(1);
        assertThatThrownBy(broken::join).isInstanceOf(CompletionException.class);
        assertThat(points(1)).isZero();
        assertThat(points(2)).isEqualTo(1);
    }

    @Test
    void storedTelemetryIsAnnouncedAfterItIsDurable() {
        List<TelemetryReceived> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> storedWhenHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.springframework.context.ApplicationListener<org.springframework.context.PayloadApplicationEvent<TelemetryReceived>> listener = event -> {
            // Another connection sees the values: the commit happened before the announcement.
            storedWhenHeard.add(points(0));
            heard.add(event.getPayload());
        };
        var application = (org.springframework.context.support.AbstractApplicationContext) context;
        application.addApplicationListener(listener);
        try {
            writer.write(id(0), received(0, 30.5));
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
        } finally {
            application.removeApplicationListener(listener);
        }
        assertThat(storedWhenHeard).containsExactly(1);
        assertThat(heard).singleElement().satisfies(event -> {
            assertThat(event.deviceId()).isEqualTo(created.getFirst().device().deviceId());
            assertThat(event.points()).extracting(TelemetryPoint::number).containsExactly(30.5);
        });
    }

    @Test
    void aCommitWhoseConnectionIsKilledStoresAllOrNothingAndTheWriterGoesOn() throws Exception {
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TelemetryReceived three = new TelemetryReceived(id(0), created.getFirst().device().deviceId(), "Writer test",
                template.id(), com.custodian.security.Scope.ROOT, List.of(new TelemetryPoint("temperature", at.minusSeconds(2), 1.0, null),
                        new TelemetryPoint("temperature", at.minusSeconds(1), 2.0, null),
                        new TelemetryPoint("temperature", at, 3.0, null)));
        CompletableFuture<Integer> write;
        try (Connection holder = lockedDevice(0)) {
            write = writer.submit(id(0), three);
            // The writer's transaction waits on the device's row; MariaDB then kills its connection.
            Long writing = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.query("select id from "
                    + "information_schema.processlist where info like 'select id, device_id from device where id in%' "
                    + "and id <> connection_id()", rs -> rs.next() ? rs.getLong(1) : null), java.util.Objects::nonNull);
            try (Connection killer = dataSource.getConnection()) {
                killer.createStatement().execute("kill connection " + writing);
            }
            holder.rollback();
        }
        Integer stored;
        try {
            stored = write.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException refused) {
            stored = 0;
        }
        assertThat(points(0)).as("all or nothing").isIn(0, 3).isEqualTo(stored);
        assertThat(writer.write(id(1), received(1, 41.0))).as("the writer goes on, on a fresh connection").isEqualTo(1);
        assertThat(points(1)).isEqualTo(1);
    }

    @Test
    void aDeviceConnectsWhenItFirstPostsAndAgainAfterASilenceRecordedOnceAcrossInstances() {
        writer.write(id(0), received(0, 21.0));
        await().atMost(Duration.ofSeconds(10)).until(() -> connections(0).size() == 1);
        assertThat(connections(0).getFirst()).contains("\"lastSeenBefore\":\"never\"");

        LastSeen lastSeen = context.getBean(LastSeen.class);
        String deviceId = created.get(1).device().deviceId();
        Instant first = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        lastSeen.record(id(1), deviceId, first);
        lastSeen.record(id(1), deviceId, first.plusSeconds(5));
        assertThat(connections(1)).hasSize(1);
        assertThat(lastSeenAt(1)).isEqualTo(first.plusSeconds(5));
        Instant back = first.plusSeconds(5).plus(LastSeen.SILENCE).plusSeconds(1);
        lastSeen.record(id(1), deviceId, back);
        assertThat(connections(1)).hasSize(2);
        assertThat(connections(1).getLast()).contains("\"lastSeenBefore\":\"" + first.plusSeconds(5) + "\"");

        // Another instance, which has not seen the device, updates the time but does not record a connection.
        LastSeen otherInstance = new LastSeen(jdbc, context.getBean(com.custodian.systemlog.SystemLog.class),
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        otherInstance.record(id(1), deviceId, back.plusSeconds(2));
        assertThat(connections(1)).hasSize(2);
        assertThat(lastSeenAt(1)).isEqualTo(back.plusSeconds(2));
    }

    private List<String> connections(int device) {
        return jdbc.queryForList("select detail from system_log where event = 'device.connected' and detail like ? "
                + "order by id", String.class, "%\"deviceId\":\"" + created.get(device).device().deviceId() + "\"%");
    }

    private Instant lastSeenAt(int device) {
        return jdbc.queryForObject("select last_seen_at from device where id = ?", java.time.LocalDateTime.class, id(device))
                .toInstant(java.time.ZoneOffset.UTC);
    }

    /** Another connection holding the device's row lock, as an erasure in progress does. */
    private Connection lockedDevice(int device) throws java.sql.SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        connection.createStatement().executeQuery("select id from device where id = " + id(device) + " for update");
        return connection;
    }

    private long id(int device) {
        return created.get(device).device().id();
    }

    private TelemetryReceived received(int device, double value) {
        return new TelemetryReceived(id(device), created.get(device).device().deviceId(), "Writer test", template.id(),
                com.custodian.security.Scope.ROOT, List.of(new TelemetryPoint("temperature", Instant.now(), value, null)));
    }

    private int points(int device) {
        return jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Integer.class, id(device));
    }

    private int lockWaits() {
        return jdbc.queryForObject("select count(*) from information_schema.innodb_trx where trx_state = 'LOCK WAIT'",
                Integer.class);
    }
}
