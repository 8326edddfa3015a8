package com.custodian.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.custodian.directory.EntraConfigured;
import com.custodian.organizations.DemoOrganizations;

/**
 * The devices of the default run: two templates, three devices (in Seattle and Berlin) and a day of
 * telemetry, added once
 * to an application without devices, and never against an Entra tenant. Their keys are not kept:
 * the simulator feeds them through the ingestion service inside the application.
 */
@Component
@Order(20)
@Conditional(EntraConfigured.No.class)
@ConditionalOnProperty(name = "custodian.demo-data", havingValue = "true")
class DemoDevices implements ApplicationRunner {


    private static final Logger log = LoggerFactory.getLogger(DemoDevices.class);

    private final DeviceRepository devices;
    private final DeviceTemplateRepository templates;
    private final TelemetryStore telemetry;
    private final Clock clock;

    private final com.custodian.base.jobs.JobLock jobs;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    DemoDevices(DeviceRepository devices, DeviceTemplateRepository templates, TelemetryStore telemetry, Clock clock,
            com.custodian.base.jobs.JobLock jobs, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.devices = devices;
        this.templates = templates;
        this.telemetry = telemetry;
        this.clock = clock;
        this.jobs = jobs;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    /** Instances starting together take turns: the first adds, the others find them. */
    @Override
    public void run(ApplicationArguments args) {
        jobs.runInTurn("demo-devices", Duration.ofMinutes(2), () -> transaction.executeWithoutResult(status -> add()));
    }

    private void add() {
        if (devices.count() > 0) {
            return;
        }
        Instant now = clock.instant();
        DeviceTemplate sensor = templates.save(new DeviceTemplate(UUID.randomUUID(), "Environmental sensor", List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"),
                new FieldSpec("humidity", FieldType.NUMBER, "%"),
                new FieldSpec("battery", FieldType.NUMBER, "%")), now));
        DeviceTemplate vending = templates.save(new DeviceTemplate(UUID.randomUUID(), "Refrigerated vending machine",
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C"),
                        new FieldSpec("door_open", FieldType.BOOLEAN, null),
                        new FieldSpec("stock", FieldType.NUMBER, "items"),
                        new FieldSpec("status", FieldType.TEXT, null)), now));
        add("sensor-lobby-01", "Lobby sensor", sensor, now, DemoOrganizations.SEATTLE);
        add("sensor-warehouse-02", "Warehouse sensor", sensor, now, DemoOrganizations.BERLIN);
        add("vending-hq-01", "HQ vending machine", vending, now, DemoOrganizations.SEATTLE);
        log.info("Added the demo devices of the default run");
    }

    private void add(String deviceId, String name, DeviceTemplate template, Instant now, UUID organization) {
        Device device = devices.save(new Device(deviceId, name, template, DeviceKeys.hash(DeviceKeys.newKey()),
                now.minus(Duration.ofDays(7)), organization));
        devices.flush();
        List<TelemetryPoint> history = new ArrayList<>();
        for (Instant at = now.minus(Duration.ofHours(24)); at.isBefore(now); at = at.plus(Duration.ofMinutes(10))) {
            history.addAll(DeviceSimulator.reading(deviceId, template.toSummary(), at));
        }
        telemetry.insert(device.getId(), history);
    }
}
