package com.custodian.devices;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.directory.EntraConfigured;

/**
 * Feeds the devices of the default run (the demo devices and any created there, up to
 * {@link #MAX_DEVICES}) realistic telemetry every few seconds, through the same storage and event
 * as the ingestion API, so rules and charts have something to show. It never runs against an Entra
 * tenant.
 */
@Component
@Conditional(EntraConfigured.No.class)
@ConditionalOnProperty(name = "custodian.demo-data", havingValue = "true")
class DeviceSimulator {

    static final int MAX_DEVICES = 50;

    private static final Logger log = LoggerFactory.getLogger(DeviceSimulator.class);

    private final DeviceRepository devices;
    private final TelemetryWriter writer;
    private final Clock clock;
    private final boolean enabled;
    private final com.custodian.base.jobs.JobLock jobs;
    private final java.time.Duration handover;
    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    DeviceSimulator(DeviceRepository devices, TelemetryWriter writer, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${custodian.simulator.enabled:true}") boolean enabled,
            com.custodian.base.jobs.JobLock jobs,
            @org.springframework.beans.factory.annotation.Value("${custodian.jobs.handover-after:30s}") java.time.Duration handover,
            @org.springframework.beans.factory.annotation.Value("${custodian.simulator.interval:5s}") java.time.Duration interval,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jobs = jobs;
        // Renewed after each run, and the next run comes a pause later: the lease spans both.
        this.handover = handover.plus(interval);
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.enabled = enabled;
        this.devices = devices;
        this.writer = writer;
        this.clock = clock;
    }

    /** One instance simulates at a time, so each demo device reports once per interval, however many run. */
    @Scheduled(fixedDelayString = "${custodian.simulator.interval:5s}", initialDelayString = "10s")
    void tickWhereHeld() {
        if (enabled) {
            jobs.runAsHolder("demo-simulator", handover, () -> readOnly.executeWithoutResult(status -> tick()));
        }
    }

    /** Feeds the devices' values through the telemetry writer, as requests do, and waits for them. */
    @Transactional(readOnly = true)
    public void tick() {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        List<CompletableFuture<Integer>> written = new ArrayList<>();
        for (Device device : devices.findEnabledWithTemplates(org.springframework.data.domain.PageRequest.ofSize(MAX_DEVICES))) {
            TemplateSummary template = device.getTemplate().toSummary();
            List<TelemetryPoint> points = reading(device.getDeviceId(), template, now);
            if (points.isEmpty()) {
                continue;
            }
            written.add(writer.submit(device.getId(), new TelemetryReceived(device.getId(), device.getDeviceId(),
                    device.getDisplayName(), template.id(), device.getOrganizationId(), points)));
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
        log.debug("Simulated telemetry for {} demo devices", written.size());
    }

    /** Plausible values: a daily temperature cycle, slow humidity, a draining battery, a fridge. */
    static List<TelemetryPoint> reading(String deviceId, TemplateSummary template, Instant at) {
        double hour = at.atZone(ZoneOffset.UTC).getHour() + at.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        double seed = deviceId.hashCode() % 7;
        double noise = Math.sin(at.getEpochSecond() / 97.0 + seed) * 0.4;
        List<TelemetryPoint> points = new ArrayList<>();
        for (FieldSpec field : template.fields()) {
            switch (field.name()) {
                case "temperature" -> points.add(number(field, at, template.name().contains("vending")
                        || template.name().contains("Refrigerated") ? 4.5 + noise * 2
                                : 21 + 3 * Math.sin((hour - 9) / 24 * 2 * Math.PI) + seed / 3 + noise));
                case "humidity" -> points.add(number(field, at, 45 + 8 * Math.cos(hour / 24 * 2 * Math.PI) + noise * 3));
                case "battery" -> points.add(number(field, at, Math.max(5, 100 - (at.getEpochSecond() / 3600 % 2000) / 25.0)));
                case "door_open" -> points.add(number(field, at, Math.abs(noise) > 0.38 ? 1 : 0));
                case "stock" -> points.add(number(field, at, Math.round(40 - (hour % 8) * 4)));
                case "status" -> points.add(new TelemetryPoint(field.name(), at, null, Math.abs(noise) > 0.39 ? "door alarm" : "ok"));
                default -> {
                    switch (field.type()) {
                        case NUMBER -> points.add(number(field, at, 50 + 20 * Math.sin(hour / 24 * 2 * Math.PI + seed)
                                + noise * 5));
                        case BOOLEAN -> points.add(number(field, at, noise > 0.3 ? 1 : 0));
                        case TEXT -> points.add(new TelemetryPoint(field.name(), at, null, "ok"));
                    }
                }
            }
        }
        return points;
    }

    private static TelemetryPoint number(FieldSpec field, Instant at, double value) {
        return new TelemetryPoint(field.name(), at, Math.round(value * 100) / 100.0, null);
    }
}
