package com.custodian.devices;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.custodian.base.jobs.JobLock;

/** Deletes telemetry older than the retention period (30 days unless configured), every hour. */
@Component
class TelemetryRetention {

    private static final Logger log = LoggerFactory.getLogger(TelemetryRetention.class);

    private final JobLock jobs;
    private final TelemetryStore telemetry;
    private final Duration retention;
    private final Clock clock;
    private final com.custodian.systemlog.SystemLog systemLog;

    TelemetryRetention(TelemetryStore telemetry, @Value("${custodian.telemetry.retention:30d}") Duration retention,
            Clock clock, com.custodian.systemlog.SystemLog systemLog, JobLock jobs) {
        this.jobs = jobs;
        this.systemLog = systemLog;
        this.telemetry = telemetry;
        this.retention = retention;
        this.clock = clock;
    }

    /** On one instance at a time when several share the database. */
    @Scheduled(cron = "${custodian.telemetry.purge-cron:0 17 * * * *}")
    void purgeOnOneInstance() {
        jobs.runExclusively("telemetry-retention", Duration.ofMinutes(30), Duration.ofMinutes(5), this::purge);
    }

    public void purge() {
        long purged = telemetry.purgeOlderThan(clock.instant().minus(retention), 10_000);
        if (purged > 0) {
            log.info("Telemetry retention: deleted {} values older than {}", purged, retention);
            systemLog.record("telemetry.purged", java.util.Map.of("values", purged, "retention", retention.toString()));
        }
    }
}
