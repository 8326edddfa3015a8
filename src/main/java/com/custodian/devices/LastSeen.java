package com.custodian.devices;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.systemlog.SystemLog;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Records when a device was last seen, after its telemetry commits and at most once a second per
 * device. Outside the ingestion transaction, so concurrent requests of one device never wait on
 * (or deadlock over) the device row, which their telemetry rows reference.
 *
 * <p>Devices post over HTTP, so they have no connection to open or close: a device counts as
 * connected when it posts for the first time, or again after {@link #SILENCE} without posting.
 * That is recorded in the system log ({@code device.connected}), once: the update that ends the
 * silence is conditional, so of several instances only one records it.
 */
@Component
class LastSeen {

    static final Duration AT_MOST_EVERY = Duration.ofSeconds(1);
    /** A device silent this long is disconnected; its next telemetry connects it again. */
    static final Duration SILENCE = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final SystemLog systemLog;
    private final TransactionTemplate ownTransaction;
    /** Device row → when its last-seen time was last written by this instance. */
    private final Cache<Long, Instant> recorded = Caffeine.newBuilder().expireAfterWrite(SILENCE)
            .maximumSize(100_000).build();

    LastSeen(JdbcTemplate jdbc, SystemLog systemLog, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.systemLog = systemLog;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Called by the telemetry writer's thread after the telemetry committed, outside any transaction. */
    void record(long device, String deviceId, Instant at) {
        Instant previous = recorded.getIfPresent(device);
        if (previous != null && at.isBefore(previous.plus(AT_MOST_EVERY))) {
            return;
        }
        recorded.put(device, at);
        if (previous != null && !at.isAfter(previous.plus(SILENCE))) {
            ownTransaction.executeWithoutResult(status -> jdbc.update("update device set last_seen_at = ? where id = ? "
                    + "and (last_seen_at is null or last_seen_at < ?)", utc(at), device, utc(at)));
            return;
        }
        // Not seen here for a while: perhaps by another instance, perhaps by nobody.
        ownTransaction.executeWithoutResult(status -> {
            LocalDateTime before = jdbc.query("select last_seen_at from device where id = ?",
                    rs -> rs.next() ? rs.getObject(1, LocalDateTime.class) : null, device);
            int connected = jdbc.update("update device set last_seen_at = ? where id = ? "
                    + "and (last_seen_at is null or last_seen_at < ?)", utc(at), device, utc(at.minus(SILENCE)));
            if (connected == 1) {
                systemLog.record("device.connected", Map.of("deviceId", deviceId,
                        "lastSeenBefore", before == null ? "never" : before.toInstant(ZoneOffset.UTC).toString()));
            } else {
                jdbc.update("update device set last_seen_at = ? where id = ? and last_seen_at < ?", utc(at), device,
                        utc(at));
            }
        });
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
