package com.custodian.base.jobs;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.custodian.base.personaldata.NonPersonalData;

/**
 * Runs a background job on one instance at a time, when several instances share the database: the
 * job runs where it took a lease on its row of {@code job_lock}, with one conditional update, and
 * is skipped elsewhere. A lease lapses by itself at its end, so a crashed instance holds nothing
 * for long; a lease is kept at least a minimum time, so a job scheduled on every instance at the
 * same minute runs once even with clocks a few seconds apart. Each statement commits on its own,
 * outside the job's transactions.
 */
@Component
public class JobLock implements NonPersonalData {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** This instance: host and process, and a random part for two runs in one process (tests). */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    JobLock(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Runs the job here unless another instance holds its lease.
     *
     * @param lease how long the job may take at most; past it, another instance may run it too
     * @param atLeast how long the lease is kept after the start, however quickly the job ends
     * @return whether the job ran here
     */
    public boolean runExclusively(String job, Duration lease, Duration atLeast, Runnable work) {
        Instant start = clock.instant();
        if (!acquire(job, start, lease)) {
            return false;
        }
        try {
            work.run();
        } finally {
            Instant now = clock.instant();
            Instant until = start.plus(atLeast);
            jdbc.update("update job_lock set locked_until = ? where name = ? and locked_by = ?",
                    utc(until.isAfter(now) ? until : now), job, instance);
        }
        return true;
    }

    private boolean acquire(String job, Instant now, Duration lease) {
        if (jdbc.update("update job_lock set locked_until = ?, locked_at = ?, locked_by = ? where name = ? "
                + "and locked_until <= ?", utc(now.plus(lease)), utc(now), instance, job, utc(now)) == 1) {
            return true;
        }
        Integer rows = jdbc.queryForObject("select count(*) from job_lock where name = ?", Integer.class, job);
        if (rows != null && rows > 0) {
            return false;
        }
        try {
            jdbc.update("insert into job_lock (name, locked_until, locked_at, locked_by) values (?, ?, ?, ?)", job,
                    utc(now.plus(lease)), utc(now), instance);
            return true;
        } catch (DuplicateKeyException anotherInstanceFirst) {
            return false;
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Map<String, String> nonPersonalTables() {
        return Map.of("job_lock", "names of background jobs and which server instance runs them");
    }
}
