package com.custodian.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.custodian.devices.TelemetryPoint;
import com.custodian.devices.TelemetryReceived;
import com.custodian.systemlog.SystemLog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Evaluates the enabled rules without aggregation on each device's telemetry, once it is
 * committed, on a thread of its own: the ingestion path hands the event over and goes on. When the
 * queue is full the handing thread waits, which slows ingestion rather than losing alerts. A rule
 * fires at most once per request and device, on the newest message that matches. Once a minute the
 * system log gets, for each rule evaluated, how many requests it was evaluated on and how often it
 * fired ({@code alert.rule.evaluated}): an operator can tell a rule that never matched from one
 * that never ran.
 */
@Component
class RuleEvaluator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);
    private static final int MAX_EVENTS_PER_TRANSACTION = 500;
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private record Pending(TelemetryReceived received, List<ActiveRule> watching) {
    }

    private final ActiveRules rules;
    private final AlertOutbox outbox;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter evaluated;
    private final Counter fired;
    private final SystemLog systemLog;
    /** Rule → requests evaluated and firings since the last summary. */
    private final ConcurrentHashMap<Long, long[]> sinceSummary = new ConcurrentHashMap<>();
    private volatile long summarisedAt = System.nanoTime();
    private volatile boolean running;
    private Thread worker;

    RuleEvaluator(ActiveRules rules, AlertOutbox outbox, MeterRegistry meters, SystemLog systemLog) {
        this.rules = rules;
        this.systemLog = systemLog;
        this.outbox = outbox;
        this.evaluated = meters.counter("custodian.alerts.evaluated");
        this.fired = meters.counter("custodian.alerts.fired");
    }

    @EventListener
    void on(TelemetryReceived received) throws InterruptedException {
        List<ActiveRule> watching = rules.perMessage().stream()
                .filter(rule -> rule.watches(received.deviceRef(), received.templateId(), received.organizationId()))
                .toList();
        if (!watching.isEmpty()) {
            inFlight.incrementAndGet();
            queue.put(new Pending(received, watching));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_EVENTS_PER_TRANSACTION - 1);
                    evaluate(batch);
                }
                if (System.nanoTime() - summarisedAt >= SUMMARY_EVERY.toNanos()) {
                    summarise();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inFlight.addAndGet(-batch.size());
                batch.clear();
            }
        }
        summarise();
    }

    /** Writes what was evaluated since the last summary into the system log, a row per rule. */
    void summarise() {
        Duration over = Duration.ofNanos(System.nanoTime() - summarisedAt).truncatedTo(ChronoUnit.SECONDS);
        summarisedAt = System.nanoTime();
        for (Long rule : List.copyOf(sinceSummary.keySet())) {
            long[] counts = sinceSummary.remove(rule);
            try {
                systemLog.record("alert.rule.evaluated", Map.of("ruleId", rule, "requests", counts[0],
                        "firings", counts[1], "over", over.toString()));
            } catch (RuntimeException e) {
                log.warn("Recording the evaluations of alert rule {}: {}", rule, e.toString());
            }
        }
    }

    private void evaluate(List<Pending> batch) {
        try {
            List<Firing> firings = new ArrayList<>();
            batch.forEach(pending -> firings.addAll(firings(pending.received(), pending.watching())));
            evaluated.increment(batch.size());
            batch.forEach(pending -> pending.watching().forEach(rule -> count(rule.id(), 0)));
            if (!firings.isEmpty()) {
                record(firings);
                fired.increment(firings.size());
                firings.forEach(firing -> count(firing.ruleId(), 1));
            }
        } catch (RuntimeException e) {
            log.error("Evaluating alert rules on the telemetry of {} requests failed; their alerts are lost",
                    batch.size(), e);
        }
    }

    private void count(long rule, int which) {
        sinceSummary.compute(rule, (id, counts) -> {
            long[] updated = counts == null ? new long[2] : counts;
            updated[which]++;
            return updated;
        });
    }

    /** Once more if the first attempt fails (a rule or device deleted at that very moment). */
    private void record(List<Firing> firings) {
        try {
            outbox.record(firings);
        } catch (org.springframework.dao.DataAccessException first) {
            log.warn("Recording {} alert firings failed, trying once more: {}", firings.size(), first.toString());
            outbox.record(firings);
        }
    }

    static List<Firing> firings(TelemetryReceived received, List<ActiveRule> watching) {
        // Messages by time, each a map of numeric values (true/false as 1/0).
        Map<Instant, Map<String, Double>> messages = new TreeMap<>();
        for (TelemetryPoint point : received.points()) {
            if (point.number() != null) {
                messages.computeIfAbsent(point.timestamp(), at -> new java.util.HashMap<>()).put(point.field(), point.number());
            }
        }
        List<Firing> firings = new ArrayList<>();
        for (ActiveRule rule : watching) {
            int matching = 0;
            Instant newest = null;
            Map<String, Double> newestValues = null;
            for (Map.Entry<Instant, Map<String, Double>> message : messages.entrySet()) {
                if (matches(rule, message.getValue())) {
                    matching++;
                    newest = message.getKey();
                    newestValues = message.getValue();
                }
            }
            if (newest != null) {
                firings.add(new Firing(rule.id(), received.deviceRef(), newest, observed(rule, newestValues, matching)));
            }
        }
        return firings;
    }

    static boolean matches(ActiveRule rule, Map<String, Double> values) {
        boolean any = false;
        for (ConditionSpec condition : rule.conditions()) {
            Double value = values.get(condition.field());
            boolean holds = value != null && condition.test(value);
            if (rule.matchMode() == MatchMode.ALL && !holds) {
                return false;
            }
            any |= holds;
        }
        return any;
    }

    /** What was seen, kept as a text so that each email and export says it in its own language. */
    private static String observed(ActiveRule rule, Map<String, Double> values, int matching) {
        List<com.custodian.base.i18n.Text> seen = rule.conditions().stream().map(ConditionSpec::field).distinct()
                .filter(values::containsKey).map(field -> com.custodian.base.i18n.Text.of("alerts.observed.value", field,
                        values.get(field))).toList();
        return com.custodian.base.i18n.StoredText.encode(com.custodian.base.i18n.Text.of(
                matching > 1 ? "alerts.observed.messages" : "alerts.observed.message",
                com.custodian.base.i18n.Text.joined("list.pair", seen), rule.conditionsText(), matching));
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("alert-evaluator").daemon().start(this::run);
    }

    /** Evaluates what was handed over before stopping, so a shutdown does not drop alerts. */
    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the telemetry writer, whose events it takes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }

    /** For tests and benchmarks: waits until every evaluation handed over so far is done. */
    void awaitIdle() throws InterruptedException {
        while (inFlight.get() > 0) {
            Thread.sleep(5);
        }
    }
}
