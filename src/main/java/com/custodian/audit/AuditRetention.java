package com.custodian.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.custodian.base.jobs.JobLock;

/** Audit entries older than the retention period (a year unless {@code AUDIT_RETENTION} says otherwise) go daily. */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JobLock jobs;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    AuditRetention(JdbcTemplate jdbc, Clock clock, @Value("${custodian.audit.retention:365d}") Duration retention,
            JobLock jobs) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("custodian.audit.retention must be at least one day");
        }
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** On one instance at a time when several share the database. */
    @Scheduled(cron = "${custodian.audit.purge-cron:0 23 3 * * *}")
    void purgeOnOneInstance() {
        jobs.runExclusively("audit-retention", Duration.ofMinutes(30), Duration.ofMinutes(5), this::purge);
    }

    int purge() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        int purged = 0;
        int chunk;
        do {
            chunk = jdbc.update("delete from audit_entry where at < ? limit 10000", cutoff);
            purged += chunk;
        } while (chunk == 10_000);
        if (purged > 0) {
            log.info("Audit retention: deleted {} entries older than {}", purged, retention);
        }
        return purged;
    }
}
