package com.custodian.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.custodian.devices.TelemetryPoint;
import com.custodian.devices.TelemetryReceived;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Evaluates the enabled rules without aggregation on each device's telemetry, once it is
 * committed, on a thread of its own: the ingestion path hands the event over and goes on. When the
 * queue is full the handing thread evaluates itself, which slows ingestion rather than losing
 * alerts. A rule fires at most once per request and device, on the newest message that matches.
 */
@Component
class RuleEvaluator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);

    private final ActiveRules rules;
    private final AlertOutbox outbox;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), Thread.ofPlatform().name("alert-evaluator").daemon().factory(),
            new ThreadPoolExecutor.CallerRunsPolicy());
    private final Counter evaluated;
    private final Counter fired;

    RuleEvaluator(ActiveRules rules, AlertOutbox outbox, MeterRegistry meters) {
        this.rules = rules;
        this.outbox = outbox;
        this.evaluated = meters.counter("custodian.alerts.evaluated");
        this.fired = meters.counter("custodian.alerts.fired");
    }

    @EventListener
    void on(TelemetryReceived received) {
        List<ActiveRule> watching = rules.perMessage().stream()
                .filter(rule -> rule.watches(received.deviceRef(), received.templateId())).toList();
        if (!watching.isEmpty()) {
            executor.execute(() -> evaluate(received, watching));
        }
    }

    private void evaluate(TelemetryReceived received, List<ActiveRule> watching) {
        try {
            List<Firing> firings = firings(received, watching);
            evaluated.increment();
            if (!firings.isEmpty()) {
                outbox.record(firings);
                fired.increment(firings.size());
            }
        } catch (RuntimeException e) {
            log.error("Evaluating alert rules on telemetry of device {} failed", received.deviceId(), e);
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
                firings.add(new Firing(rule.id(), received.deviceRef(), newest,
                        observed(rule, newestValues) + (matching > 1 ? " (" + matching + " messages matched)" : "")));
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

    private static String observed(ActiveRule rule, Map<String, Double> values) {
        return String.join(", ", rule.conditions().stream().map(ConditionSpec::field).distinct()
                .filter(values::containsKey).map(field -> field + " = " + RuleText.number(values.get(field))).toList())
                + " (rule: " + rule.describeConditions() + ")";
    }

    /** Waits for queued evaluations, so a shutdown does not drop alerts already handed over. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** For tests: waits until every evaluation handed over so far is done. */
    void awaitIdle() throws InterruptedException {
        while (executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) {
            Thread.sleep(10);
        }
    }
}
