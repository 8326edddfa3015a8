package com.custodian.base.jobs;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
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
 *
 * <p>A job that runs every few seconds is held instead ({@link #runAsHolder}): its holder renews the
 * lease at each run and keeps the job; the other instances take it over once the lease lapses (the
 * holder died) or is given back (the holder stopped). On a Galera cluster, two instances taking a
 * lease at the same moment through different nodes lose one commit to certification; the loser
 * simply does not run the job this time.
 */
@Component
public class JobLock implements NonPersonalData {

    private static final Logger log = LoggerFactory.getLogger(JobLock.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** The jobs this instance holds, given back when it stops. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** The jobs whose row exists: their lease is taken with the update alone. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
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
        if (!acquire(job, start, lease, false)) {
            return false;
        }
        try {
            work.run();
        } finally {
            Instant now = clock.instant();
            Instant until = start.plus(atLeast);
            extend(job, until.isAfter(now) ? until : now);
        }
        return true;
    }

    /**
     * Runs a job that recurs every few seconds, here if this instance holds its lease or the lease is
     * free, and renews the lease after the run: the job stays with its holder, and passes to another
     * instance only when the holder stops renewing (it died, or stopped and gave it back).
     *
     * @param lease how long the job stays with a holder that stopped renewing: how soon another
     *        instance takes over from one that died. Longer than the pause between two runs.
     * @return whether the job ran here
     */
    public boolean runAsHolder(String job, Duration lease, Runnable work) {
        if (!acquire(job, clock.instant(), lease, true)) {
            if (held.remove(job)) {
                log.info("Background job {} is now run by another instance", job);
            }
            return false;
        }
        if (held.add(job)) {
            log.info("Background job {} runs on this instance ({})", job, instance);
        }
        try {
            work.run();
        } finally {
            extend(job, clock.instant().plus(lease));
        }
        return true;
    }

    /**
     * Runs a start-up task once no other instance runs it: instances starting together take turns,
     * each seeing what the one before it committed. The task runs in its own transaction, after the
     * lease is taken.
     *
     * @param lease the longest the task may take; an instance that died holding it is waited for
     *        this long
     */
    public void runInTurn(String job, Duration lease, Runnable work) {
        Instant giveUp = clock.instant().plus(lease.multipliedBy(2));
        while (!runExclusively(job, lease, Duration.ZERO, work)) {
            if (clock.instant().isAfter(giveUp)) {
                throw new IllegalStateException("Start-up task " + job + " stays taken by another instance");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for start-up task " + job, e);
            }
        }
    }

    /** Gives back the leases this instance holds, so another takes its jobs over at once. */
    @jakarta.annotation.PreDestroy
    void giveBack() {
        for (String job : held) {
            try {
                jdbc.update("update job_lock set locked_until = ? where name = ? and locked_by = ?",
                        utc(clock.instant()), job, instance);
            } catch (RuntimeException e) {
                log.warn("Could not give back the lease of {}: {}", job, e.toString());
            }
        }
        held.clear();
    }

    private void extend(String job, Instant until) {
        try {
            jdbc.update("update job_lock set locked_until = ? where name = ? and locked_by = ?", utc(until), job,
                    instance);
        } catch (TransientDataAccessException e) {
            // The lease then lapses at the time it was taken for.
            log.warn("Could not extend the lease of {}: {}", job, e.toString());
        }
    }

    private boolean acquire(String job, Instant now, Duration lease, boolean renewable) {
        try {
            if (jdbc.update("update job_lock set locked_until = ?, locked_at = ?, locked_by = ? where name = ? "
                    + "and (locked_until <= ?" + (renewable ? " or locked_by = ?)" : ")"),
                    renewable ? new Object[] { utc(now.plus(lease)), utc(now), instance, job, utc(now), instance }
                            : new Object[] { utc(now.plus(lease)), utc(now), instance, job, utc(now) }) == 1) {
                known.add(job);
                return true;
            }
            if (known.contains(job)) {
                return false;
            }
            Integer rows = jdbc.queryForObject("select count(*) from job_lock where name = ?", Integer.class, job);
            if (rows != null && rows > 0) {
                known.add(job);
                return false;
            }
            jdbc.update("insert into job_lock (name, locked_until, locked_at, locked_by) values (?, ?, ?, ?)", job,
                    utc(now.plus(lease)), utc(now), instance);
            known.add(job);
            return true;
        } catch (DuplicateKeyException anotherInstanceFirst) {
            known.add(job);
            return false;
        } catch (TransientDataAccessException anotherInstanceAtTheSameMoment) {
            // A deadlock, or a commit that lost certification on a Galera cluster: the other has it.
            return false;
        } catch (org.springframework.dao.DataAccessResourceFailureException databaseAway) {
            // The database (or its node) is gone for now; readiness says so, and the job waits its next turn.
            log.warn("Background job {} skipped: the database did not answer ({})", job, databaseAway.getMessage());
            return false;
        }
    }

    /** This instance's name in {@code job_lock.locked_by}. */
    public String instance() {
        return instance;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Map<String, String> nonPersonalTables() {
        return Map.of("job_lock", "names of background jobs and which server instance runs them");
    }
}
