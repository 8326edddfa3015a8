package com.custodian.devices;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Group commit for telemetry. Requests that arrive while a commit is under way wait in a queue and
 * go into the next transaction together, so many devices' requests share one durable commit — the
 * commit, not the insert, is what a request costs. A request's values still land whole or not at
 * all: they are always in the same transaction, and a transaction that fails is retried one request
 * at a time, so one request's failure is only its own.
 *
 * <p>The transaction first takes a shared lock on the devices it writes for: a device erased
 * meanwhile is noticed (its request is refused, nothing stored), and an erasure waits for the write.
 */
@Component
class TelemetryWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelemetryWriter.class);

    /** A request's values, the device's row ID, and the answer the request waits for. */
    record Write(long deviceRef, TelemetryReceived received, CompletableFuture<Integer> stored) {
    }

    private final TelemetryStore telemetry;
    private final LastSeen lastSeen;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Write> queue;
    private final int maxRowsPerCommit;
    private final Duration maxWait;
    private final Counter commits;
    private final Counter requests;
    private final Timer commitTime;
    private final int writers;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    TelemetryWriter(TelemetryStore telemetry, LastSeen lastSeen, ApplicationEventPublisher events, Clock clock,
            MeterRegistry meters,
            @Value("${custodian.telemetry.queue-capacity:2000}") int queueCapacity,
            @Value("${custodian.telemetry.max-rows-per-commit:20000}") int maxRowsPerCommit,
            @Value("${custodian.telemetry.max-wait:30s}") Duration maxWait,
            @Value("${custodian.telemetry.writers:1}") int writers) {
        this.writers = writers;
        this.telemetry = telemetry;
        this.lastSeen = lastSeen;
        this.events = events;
        this.clock = clock;
        // Plain JDBC transactions: the writer runs two statements a group, and JPA's transaction
        // manager opened a Hibernate session for each (about a third of the writer's CPU).
        this.transaction = new TransactionTemplate(new JdbcTransactionManager(telemetry.dataSource()));
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxRowsPerCommit = maxRowsPerCommit;
        this.maxWait = maxWait;
        this.commits = meters.counter("custodian.telemetry.commits");
        this.requests = meters.counter("custodian.telemetry.requests");
        this.commitTime = meters.timer("custodian.telemetry.commit");
    }

    /**
     * Stores the values and waits until they are durable.
     *
     * @return how many values were stored
     * @throws IngestionException 401 when the device was deleted meanwhile, 503 when the writer is
     *         saturated or stopped, or the database asked for a retry
     */
    int write(long deviceRef, TelemetryReceived received) {
        CompletableFuture<Integer> stored = submit(deviceRef, received);
        try {
            return stored.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException(503, "Interrupted; send the request again.");
        } catch (TimeoutException e) {
            // Still queued or in a transaction: it may yet be stored, and a resend changes nothing.
            throw new IngestionException(503, "Not confirmed in time; send the request again.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Queues the values without waiting.
     *
     * @return completes with the number of values stored once they are durable
     * @throws IngestionException 503 when the writer is saturated or stopped
     */
    CompletableFuture<Integer> submit(long deviceRef, TelemetryReceived received) {
        Write write = new Write(deviceRef, received, new CompletableFuture<>());
        if (!running || !queue.offer(write)) {
            throw new IngestionException(503, "Busy; nothing was stored. Send the request again.");
        }
        return write.stored();
    }

    private void run() {
        List<Write> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int rows = first.received().points().size();
                Write next;
                while (rows < maxRowsPerCommit && (next = queue.poll()) != null) {
                    group.add(next);
                    rows += next.received().points().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("Telemetry writer failed; the requests of this group are answered with the failure", e);
                group.forEach(write -> write.stored().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
        queue.forEach(write -> write.stored().completeExceptionally(
                new IngestionException(503, "Shutting down; nothing was stored. Send the request again.")));
    }

    private void commit(List<Write> group) {
        List<Write> stored;
        try {
            stored = commitTime.record(() -> transaction.execute(status -> insert(group)));
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                group.getFirst().stored().completeExceptionally(groupFailure);
                return;
            }
            // One request may have spoiled the group: each alone, so only that one fails.
            stored = new ArrayList<>();
            for (Write write : group) {
                try {
                    stored.addAll(transaction.execute(status -> insert(List.of(write))));
                } catch (RuntimeException failure) {
                    write.stored().completeExceptionally(failure);
                }
            }
        }
        var now = clock.instant();
        // Announced before the answer, so whoever posted can count on listeners having been told.
        for (Write write : stored) {
            try {
                events.publishEvent(write.received());
            } catch (RuntimeException e) {
                log.warn("After storing telemetry of device {}: {}", write.received().deviceId(), e.toString());
            }
        }
        // Last seen before the answer too: a device (or a test) that got its 202 finds it recorded.
        for (Write write : stored) {
            try {
                lastSeen.record(write.deviceRef(), write.received().deviceId(), now);
            } catch (RuntimeException e) {
                log.warn("Recording when device {} was last seen: {}", write.received().deviceId(), e.toString());
            }
        }
        stored.forEach(write -> write.stored().complete(write.received().points().size()));
    }

    /** Inserts the writes of devices that still exist; refuses the others. */
    private List<Write> insert(List<Write> group) {
        commits.increment();
        requests.increment(group.size());
        Set<Long> devices = new LinkedHashSet<>();
        group.forEach(write -> devices.add(write.deviceRef()));
        Set<Long> present = telemetry.lockDevices(devices).keySet();
        List<Write> accepted = new ArrayList<>(group.size());
        List<Write> refused = new ArrayList<>();
        for (Write write : group) {
            (present.contains(write.deviceRef()) ? accepted : refused).add(write);
        }
        telemetry.insert(accepted);
        refused.forEach(write -> write.stored().completeExceptionally(
                new IngestionException(401, "Unknown device or wrong device key")));
        return accepted;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 1; i <= writers; i++) {
            workers.add(Thread.ofPlatform().name("telemetry-writer-" + i).daemon().start(this::run));
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(maxWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so requests in flight are answered. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
