package com.custodian.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.devices.DeviceCatalog;
import com.custodian.systemlog.SystemLog;

/**
 * Evaluates rules with an aggregation when their tumbling windows end: windows are aligned to
 * the epoch (a 15-minute window ends at :00, :15, :30, :45 UTC), evaluated a grace period after
 * they end so late telemetry counts, and each window once — the rule remembers the last window it
 * evaluated, in the same transaction as the window's firings. A new rule starts with the next
 * window; a device without values in a window is not evaluated for it.
 */
@Component
class WindowEvaluator {

    /** Times in the stored text of a window's firing: unambiguous in every language. */
    private static final java.time.format.DateTimeFormatter WINDOW_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);


    static final Duration GRACE = Duration.ofSeconds(30);
    /** After downtime, windows further back than this are skipped, not replayed. */
    static final int MAX_WINDOWS_PER_RUN = 12;

    private static final Logger log = LoggerFactory.getLogger(WindowEvaluator.class);

    private final ActiveRules rules;
    private final DeviceCatalog catalog;
    private final AlertOutbox outbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SystemLog systemLog;
    private final com.custodian.base.jobs.JobLock jobs;
    private final Duration handover;

    WindowEvaluator(ActiveRules rules, DeviceCatalog catalog, AlertOutbox outbox, JdbcTemplate jdbc,
            PlatformTransactionManager transactions, Clock clock, SystemLog systemLog,
            com.custodian.base.jobs.JobLock jobs,
            @org.springframework.beans.factory.annotation.Value("${custodian.jobs.handover-after:30s}") Duration handover,
            @org.springframework.beans.factory.annotation.Value("${custodian.alerts.window-check:20s}") Duration windowCheck) {
        this.jobs = jobs;
        // Renewed after each run, and the next run comes a pause later: the lease spans both.
        this.handover = handover.plus(windowCheck);
        this.rules = rules;
        this.systemLog = systemLog;
        this.catalog = catalog;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** One instance evaluates at a time; each window's row lock already keeps it from being evaluated twice. */
    @Scheduled(fixedDelayString = "${custodian.alerts.window-check:20s}", initialDelayString = "${custodian.alerts.window-initial-delay:15s}")
    void evaluateEndedWindowsWhereHeld() {
        jobs.runAsHolder("alert-windows", handover, this::evaluateEndedWindows);
    }

    void evaluateEndedWindows() {
        for (ActiveRule rule : rules.aggregated()) {
            try {
                evaluate(rule, clock.instant());
            } catch (RuntimeException e) {
                log.error("Evaluating the windows of alert rule {} failed", rule.id(), e);
            }
        }
    }

    /** Evaluates the rule's windows that ended (plus the grace period) before the time. */
    void evaluate(ActiveRule rule, Instant now) {
        Duration window = Duration.ofMinutes(rule.windowMinutes());
        Instant lastEnded = alignedEnd(now.minus(GRACE), window);
        transaction.executeWithoutResult(status -> {
            LocalDateTime stored = jdbc.query("select last_window_end from alert_rule where id = ? for update",
                    rs -> rs.next() ? rs.getObject(1, LocalDateTime.class) : null, rule.id());
            Instant evaluatedUpTo = stored == null ? null : stored.toInstant(ZoneOffset.UTC);
            if (evaluatedUpTo == null || evaluatedUpTo.isBefore(lastEnded.minus(window.multipliedBy(MAX_WINDOWS_PER_RUN)))) {
                // A new rule (or one back from long downtime) starts with the next window.
                markEvaluated(rule.id(), lastEnded);
                return;
            }
            List<Firing> firings = new ArrayList<>();
            int windows = 0;
            Set<Long> devices = new HashSet<>();
            for (Instant end = evaluatedUpTo.plus(window); !end.isAfter(lastEnded); end = end.plus(window)) {
                firings.addAll(firings(rule, end.minus(window), end, devices));
                windows++;
            }
            if (!firings.isEmpty()) {
                outbox.record(firings);
            }
            markEvaluated(rule.id(), lastEnded);
            if (windows > 0) {
                systemLog.record("alert.rule.evaluated", Map.of("ruleId", rule.id(), "windows", windows,
                        "devices", devices.size(), "firings", firings.size(), "upTo", lastEnded.toString()));
            }
        });
    }

    private List<Firing> firings(ActiveRule rule, Instant from, Instant to, Set<Long> devicesEvaluated) {
        Set<String> fields = new LinkedHashSet<>();
        rule.conditions().forEach(condition -> fields.add(condition.field()));
        List<DeviceCatalog.WindowAggregate> aggregates = catalog.aggregates(
                rule.targetKind() == TargetKind.DEVICES ? rule.deviceRefs() : null,
                rule.targetKind() == TargetKind.TEMPLATE ? rule.templateId() : null, rule.organizations(), fields,
                from, to);
        Map<Long, Map<String, Double>> byDevice = new HashMap<>();
        for (DeviceCatalog.WindowAggregate aggregate : aggregates) {
            byDevice.computeIfAbsent(aggregate.deviceRef(), device -> new HashMap<>()).put(aggregate.field(),
                    switch (rule.aggregation()) {
                        case AVERAGE -> aggregate.average();
                        case MIN -> aggregate.min();
                        case MAX -> aggregate.max();
                        case COUNT -> (double) aggregate.count();
                        case NONE -> throw new IllegalStateException("not an aggregated rule");
                    });
        }
        devicesEvaluated.addAll(byDevice.keySet());
        String aggregation = rule.aggregation().name().toLowerCase(java.util.Locale.ROOT);
        List<Firing> firings = new ArrayList<>();
        byDevice.forEach((device, values) -> {
            if (RuleEvaluator.matches(rule, values)) {
                var seen = values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(value -> com.custodian.base.i18n.Text.of("alerts.observed.aggregate",
                                com.custodian.base.i18n.Text.of("alerts.aggregation." + aggregation),
                                value.getKey(), Math.round(value.getValue() * 1000) / 1000.0)).toList();
                String observed = com.custodian.base.i18n.StoredText.encode(com.custodian.base.i18n.Text.of(
                        "alerts.observed.window", com.custodian.base.i18n.Text.joined("list.pair", seen),
                        rule.windowMinutes(), WINDOW_TIME.format(from), WINDOW_TIME.format(to), rule.conditionsText()));
                firings.add(new Firing(rule.id(), device, to, observed));
            }
        });
        return firings;
    }

    private void markEvaluated(long ruleId, Instant end) {
        jdbc.update("update alert_rule set last_window_end = ? where id = ?", LocalDateTime.ofInstant(end, ZoneOffset.UTC),
                ruleId);
    }

    static Instant alignedEnd(Instant at, Duration window) {
        long size = window.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), size) * size);
    }
}
