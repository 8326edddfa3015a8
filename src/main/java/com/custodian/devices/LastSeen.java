package com.custodian.devices;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Records when a device was last seen, after its telemetry commits and at most once a second per
 * device. Outside the ingestion transaction, so concurrent requests of one device never wait on
 * (or deadlock over) the device row, which their telemetry rows reference.
 */
@Component
class LastSeen {

    static final Duration AT_MOST_EVERY = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Cache<Long, Instant> recorded = Caffeine.newBuilder().expireAfterWrite(AT_MOST_EVERY)
            .maximumSize(100_000).build();

    LastSeen(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Called after the telemetry committed, outside any transaction. */
    void record(long device, Instant at) {
        if (recorded.asMap().putIfAbsent(device, at) != null) {
            return;
        }
        ownTransaction.executeWithoutResult(status -> jdbc.update("update device set last_seen_at = ? where id = ? "
                + "and (last_seen_at is null or last_seen_at < ?)", utc(at), device, utc(at)));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
