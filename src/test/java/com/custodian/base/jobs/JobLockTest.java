package com.custodian.base.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two instances sharing MariaDB: a job runs on one at a time, at most once in its minimum lease, and a dead holder's lease lapses. */
@SpringBootTest
class JobLockTest {

    @Autowired
    JdbcTemplate jdbc;

    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from job_lock where name like 'test-%'");
    }

    @Test
    void aJobRunsOnOneInstanceAtATime() {
        JobLock first = new JobLock(jdbc, Clock.systemUTC());
        JobLock second = new JobLock(jdbc, Clock.systemUTC());
        boolean[] secondRanMeanwhile = new boolean[1];
        assertThat(first.runExclusively("test-purge", Duration.ofMinutes(5), Duration.ZERO, () -> {
            runs.incrementAndGet();
            secondRanMeanwhile[0] = second.runExclusively("test-purge", Duration.ofMinutes(5), Duration.ZERO,
                    runs::incrementAndGet);
        })).isTrue();
        assertThat(secondRanMeanwhile[0]).as("refused while the first runs it").isFalse();
        assertThat(runs).hasValue(1);
        assertThat(second.runExclusively("test-purge", Duration.ofMinutes(5), Duration.ZERO, runs::incrementAndGet))
                .as("free once the first is done").isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void theMinimumLeaseKeepsAJobScheduledEverywhereFromRunningTwice() {
        JobLock first = new JobLock(jdbc, Clock.systemUTC());
        JobLock second = new JobLock(jdbc, Clock.systemUTC());
        first.runExclusively("test-daily", Duration.ofMinutes(30), Duration.ofMinutes(5), runs::incrementAndGet);
        assertThat(second.runExclusively("test-daily", Duration.ofMinutes(30), Duration.ofMinutes(5),
                runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void theLeaseOfAnInstanceThatDiedLapses() {
        JobLock dead = new JobLock(jdbc, Clock.systemUTC());
        JobLock alive = new JobLock(jdbc, Clock.systemUTC());
        try {
            dead.runExclusively("test-crash", Duration.ofMinutes(30), Duration.ZERO, () -> {
                throw new IllegalStateException("the instance dies mid-job");
            });
        } catch (IllegalStateException expected) {
            // The failure ends the job; the lease is given back.
        }
        assertThat(alive.runExclusively("test-crash", Duration.ofMinutes(30), Duration.ZERO, runs::incrementAndGet))
                .isTrue();
        // An instance killed outright gives nothing back: its lease holds until it lapses.
        jdbc.update("update job_lock set locked_until = ?, locked_by = 'killed' where name = 'test-crash'",
                LocalDateTime.now(ZoneOffset.UTC).plusMinutes(10));
        assertThat(alive.runExclusively("test-crash", Duration.ofMinutes(30), Duration.ZERO, runs::incrementAndGet))
                .isFalse();
        jdbc.update("update job_lock set locked_until = ? where name = 'test-crash'",
                LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1));
        assertThat(alive.runExclusively("test-crash", Duration.ofMinutes(30), Duration.ZERO, runs::incrementAndGet))
                .isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRecurringJobStaysWithItsHolderAndPassesOnWhenTheHolderDiesOrStops() {
        JobLock holder = new JobLock(jdbc, Clock.systemUTC());
        JobLock other = new JobLock(jdbc, Clock.systemUTC());
        Duration lease = Duration.ofSeconds(30);
        assertThat(holder.runAsHolder("test-sender", lease, runs::incrementAndGet)).isTrue();
        assertThat(other.runAsHolder("test-sender", lease, runs::incrementAndGet)).as("held by the first").isFalse();
        assertThat(holder.runAsHolder("test-sender", lease, runs::incrementAndGet)).as("the holder keeps it").isTrue();
        assertThat(other.runAsHolder("test-sender", lease, runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(2);

        // The holder is killed: it stops renewing, and the lease lapses at its end.
        jdbc.update("update job_lock set locked_until = ? where name = 'test-sender'",
                LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1));
        assertThat(other.runAsHolder("test-sender", lease, runs::incrementAndGet)).as("taken over").isTrue();
        assertThat(holder.runAsHolder("test-sender", lease, runs::incrementAndGet)).as("the old holder is out")
                .isFalse();
        assertThat(jdbc.queryForObject("select locked_by from job_lock where name = 'test-sender'", String.class))
                .isEqualTo(other.instance());

        // The new holder stops gracefully: it gives the lease back, and the job passes on at once.
        other.giveBack();
        assertThat(holder.runAsHolder("test-sender", lease, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(4);
    }
}
