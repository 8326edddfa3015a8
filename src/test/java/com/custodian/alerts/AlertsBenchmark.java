package com.custodian.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TemplateSummary;
import com.custodian.testsupport.SignIn;
import com.custodian.testsupport.TelemetryFleet;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rule evaluation throughput: telemetry messages/s over HTTP with 50 active rules watching the
 * devices, beside the same ingestion without rules, in the same run. Printed, never asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertsBenchmark {

    static final int CLIENTS = 8;
    static final int REQUESTS = 800;
    static final int MESSAGES_PER_REQUEST = 100;
    static final int RULES = 50;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    AlertRulesService rules;
    @Autowired
    RuleEvaluator evaluator;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void evaluationThroughput() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Alerts benchmark " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("humidity", FieldType.NUMBER, "%"),
                new FieldSpec("battery", FieldType.NUMBER, "%")));
        List<NewDevice> fleet = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            fleet.add(devices.createDevice("bench-alerts-" + UUID.randomUUID(), "Alerts benchmark", template.id()));
        }
        try {
            Instant start = Instant.now().minus(Duration.ofDays(3));
            post(fleet, start.minus(Duration.ofHours(2)), REQUESTS / 4); // warm-up
            double without = post(fleet, start, REQUESTS);
            for (int r = 0; r < RULES; r++) {
                RuleForm form = new RuleForm();
                form.setName("Benchmark rule " + r);
                form.setTargetKind(r % 2 == 0 ? TargetKind.TEMPLATE : TargetKind.ALL);
                form.setTemplateId(template.id());
                form.setMatchMode(r % 3 == 0 ? MatchMode.ANY : MatchMode.ALL);
                // One rule in ten fires on most messages; the others rarely or never.
                String threshold = r % 10 == 0 ? "20" : String.valueOf(90 + r);
                form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, threshold),
                        RuleForm.ConditionForm.of("humidity", Operator.GE, "40"))));
                form.setRecipients("ops" + r + "@example.com");
                rules.save(form);
            }
            double evaluatedBefore = meters.counter("custodian.alerts.evaluated").count();
            long started = System.nanoTime();
            double with = post(fleet, start.plus(Duration.ofHours(1)), REQUESTS);
            evaluator.awaitIdle();
            double allEvaluatedSeconds = (System.nanoTime() - started) / 1e9;
            double evaluated = meters.counter("custodian.alerts.evaluated").count() - evaluatedBefore;
            long messages = (long) REQUESTS * MESSAGES_PER_REQUEST;
            Integer firings = jdbc.queryForObject("select count(*) from alert_firing", Integer.class);
            Integer emails = jdbc.queryForObject("select count(*) from alert_email", Integer.class);
            System.out.printf("BENCHMARK ingestion over HTTP without rules: %,.0f messages/s (%d clients, %d messages a "
                    + "request)%n", without, CLIENTS, MESSAGES_PER_REQUEST);
            System.out.printf("BENCHMARK ingestion over HTTP with %d active rules: %,.0f messages/s = %.0f%% of it; all "
                    + "%,d messages evaluated against the rules after %.1f s = %,.0f messages/s (%,.0f requests "
                    + "evaluated, %d firings, %d emails queued: a rule fires at most once a request and device, and "
                    + "emails at most once a minute)%n", RULES, with, 100 * with / without, messages,
                    allEvaluatedSeconds, messages / allEvaluatedSeconds, evaluated, firings, emails);
        } finally {
            jdbc.update("delete from alert_rule");
            devices.deleteDevices(fleet.stream().map(device -> device.device().id()).toList());
            jdbc.update("delete from device_template where name like 'Alerts benchmark %'");
        }
    }

    private double post(List<NewDevice> fleet, Instant start, int requests) throws Exception {
        return new TelemetryFleet(port, MESSAGES_PER_REQUEST).post(fleet, start, requests);
    }
}
