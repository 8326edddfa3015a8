package com.custodian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TelemetryIngestion;
import com.custodian.devices.TemplateSummary;
import com.custodian.testsupport.SignIn;

/** Aggregated rules on MariaDB: each ended window evaluated once, on the aggregate of its values. */
@SpringBootTest
class WindowEvaluatorTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    AlertRulesService rules;
    @Autowired
    ActiveRules activeRules;
    @Autowired
    WindowEvaluator windows;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryIngestion ingestion;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from device where display_name = 'Window test'");
        jdbc.update("delete from device_template where name like 'Window test %'");
    }

    @Test
    void aWindowWhoseAverageMeetsTheConditionFiresOnceAndAQuietWindowDoesNot() {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Window test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        NewDevice hot = devices.createDevice("window-hot-" + UUID.randomUUID(), "Window test", template.id());
        NewDevice cool = devices.createDevice("window-cool-" + UUID.randomUUID(), "Window test", template.id());
        RuleForm form = new RuleForm();
        form.setName("Average too warm");
        form.setTargetKind(TargetKind.TEMPLATE);
        form.setTemplateId(template.id());
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "8"))));
        form.setAggregation(Aggregation.AVERAGE);
        form.setWindowMinutes(5);
        form.setRecipients("ops@example.com");
        long ruleId = rules.save(form).getId();

        Instant now = Instant.now();
        Instant lastEnded = WindowEvaluator.alignedEnd(now.minus(WindowEvaluator.GRACE), Duration.ofMinutes(5));
        Instant first = lastEnded.minus(Duration.ofMinutes(10));
        jdbc.update("update alert_rule set last_window_end = ? where id = ?",
                LocalDateTime.ofInstant(first, ZoneOffset.UTC), ruleId);
        // First window: the hot device averages 9.33 (one value of 7 alone would not fire); the cool one 5.
        post(hot, first.plusSeconds(10), 7);
        post(hot, first.plusSeconds(70), 10);
        post(hot, first.plusSeconds(130), 11);
        post(cool, first.plusSeconds(10), 5);
        // Second window: nothing above 8 on average.
        post(hot, first.plus(Duration.ofMinutes(6)), 6);
        post(hot, first.plus(Duration.ofMinutes(7)), 9);

        ActiveRule rule = activeRules.aggregated().stream().filter(r -> r.id() == ruleId).findFirst().orElseThrow();
        long logBefore = jdbc.queryForObject("select coalesce(max(id), 0) from system_log", Long.class);
        windows.evaluate(rule, now);
        String observed = jdbc.queryForObject("select observed from alert_firing where rule_id = ?", String.class, ruleId);
        com.custodian.base.i18n.Translations translations = context.getBean(com.custodian.base.i18n.Translations.class);
        String window = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(first);
        assertThat(com.custodian.base.i18n.StoredText.read(observed, translations, java.util.Locale.ENGLISH))
                .startsWith("Average of temperature = 9.333 over 5 min from " + window)
                .endsWith("(rule: temperature > 8)");
        assertThat(com.custodian.base.i18n.StoredText.read(observed, translations, java.util.Locale.GERMAN))
                .as("kept as a text, written in each reader's language")
                .startsWith("Durchschnitt von temperature = 9,333 über 5 Min.");
        assertThat(jdbc.queryForList("select detail from system_log where id > ? and event = 'alert.rule.evaluated'",
                String.class, logBefore)).singleElement().asString()
                .containsPattern("\"ruleId\":" + ruleId + "[,}]")
                .contains("\"windows\":2", "\"devices\":2", "\"firings\":1", "\"upTo\":\"" + lastEnded + "\"");
        assertThat(jdbc.queryForObject("select count(*) from alert_email where rule_id = ?", Integer.class, ruleId))
                .isEqualTo(1);
        windows.evaluate(rule, now);
        assertThat(jdbc.queryForObject("select count(*) from alert_firing where rule_id = ?", Integer.class, ruleId))
                .as("each window once").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from system_log where id > ? and event = 'alert.rule.evaluated'",
                Integer.class, logBefore)).as("nothing more was evaluated").isEqualTo(1);
        assertThat(jdbc.queryForObject("select last_window_end from alert_rule where id = ?", LocalDateTime.class, ruleId))
                .isEqualTo(LocalDateTime.ofInstant(lastEnded, ZoneOffset.UTC));
    }

    private void post(NewDevice device, Instant at, double temperature) {
        ingestion.ingest(device.device().deviceId(), device.key(), ("{\"timestamp\":\"" + at + "\",\"temperature\":"
                + temperature + "}").getBytes(StandardCharsets.UTF_8));
    }
}
