package com.custodian.base.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.TaskScheduler;

/**
 * The scheduler the background jobs run on: a job stuck on a slow mail server (up to its 10 s
 * timeouts, once per email) does not hold back the others, which run on threads of their own.
 */
@SpringBootTest
class SchedulerTest {

    @Autowired
    TaskScheduler scheduler;

    @Test
    void aJobThatHangsDelaysNoOtherJob() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        scheduler.schedule(() -> {
            hanging.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, Instant.now());
        try {
            assertThat(hanging.await(10, TimeUnit.SECONDS)).as("the hanging job started").isTrue();
            CountDownLatch other = new CountDownLatch(1);
            String[] ranOn = new String[1];
            scheduler.schedule(() -> {
                ranOn[0] = Thread.currentThread().getName();
                other.countDown();
            }, Instant.now().plus(Duration.ofMillis(10)));
            assertThat(other.await(10, TimeUnit.SECONDS)).as("another job ran while the first hung").isTrue();
            assertThat(ranOn[0]).startsWith("custodian-jobs-");
        } finally {
            release.countDown();
        }
    }
}
