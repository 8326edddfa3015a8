package com.custodian.systemlog;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.custodian.base.jobs.JobLock;
import com.custodian.base.personaldata.NonPersonalData;

/**
 * Deletes system log rows older than the retention period (30 days unless
 * {@code SYSTEM_LOG_RETENTION} says otherwise), hourly. On MariaDB this is the one path the
 * table's trigger lets delete: the purge marks its own session.
 */
@Component
class SystemLogRetention implements NonPersonalData {

    static final int CHUNK = 10_000;

    private final JobLock jobs;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;
    private final SystemLog systemLog;

    SystemLogRetention(JdbcTemplate jdbc, Clock clock, SystemLog systemLog,
            @Value("${custodian.system-log.retention:30d}") Duration retention, JobLock jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.systemLog = systemLog;
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("custodian.system-log.retention must be at least one day");
        }
        this.retention = retention;
    }

    /** On one instance at a time when several share the database. */
    @Scheduled(fixedDelayString = "1h", initialDelayString = "5m")
    void purgeOnOneInstance() {
        jobs.runExclusively("system-log-retention", Duration.ofMinutes(30), Duration.ofMinutes(5), this::purge);
    }

    void purge() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        long purged = jdbc.execute((java.sql.Connection connection) -> {
            boolean mariadb = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("maria");
            long deleted = 0;
            try (var mark = connection.createStatement()) {
                if (mariadb) {
                    mark.execute("set @custodian_retention_purge = 1");
                }
                try (var delete = connection.prepareStatement("delete from system_log where logged_at < ? limit " + CHUNK)) {
                    delete.setObject(1, cutoff);
                    int chunk;
                    do {
                        chunk = delete.executeUpdate();
                        deleted += chunk;
                    } while (chunk == CHUNK);
                }
            } finally {
                if (mariadb) {
                    try (var unmark = connection.createStatement()) {
                        unmark.execute("set @custodian_retention_purge = 0");
                    }
                }
            }
            return deleted;
        });
        if (purged > 0) {
            systemLog.record("system-log.purged", Map.of("rows", purged, "olderThan", cutoff.toString()));
        }
    }

    @Override
    public Map<String, String> nonPersonalTables() {
        return Map.of("system_log", "System-generated logs: factual actions of the service, which may name device IDs; "
                + "by design (DESIGN.md rule 5) no role can view or export them and they are not part of customer data "
                + "requests; they are deleted after the retention period");
    }
}
