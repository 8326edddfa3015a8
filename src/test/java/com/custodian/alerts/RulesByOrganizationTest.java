package com.custodian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import com.custodian.security.Scope;
import com.custodian.testsupport.SignIn;

/**
 * A rule of an organization watches the devices of that organization and below it, and no other:
 * telemetry in over ingestion from a device in the rule's organization fires it, the same values
 * from a device of a sibling organization do not; once the sibling's device moves under the rule's
 * organization, its telemetry fires the rule too.
 */
@SpringBootTest
class RulesByOrganizationTest {

    static final UUID EUROPE = UUID.fromString("5c0e0000-0000-4000-8000-0000000000e1");
    static final UUID AMERICAS = UUID.fromString("5c0e0000-0000-4000-8000-0000000000e2");

    @Autowired
    ApplicationContext context;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryIngestion ingestion;
    @Autowired
    RuleEvaluator evaluator;
    @Autowired
    ActiveRules activeRules;
    @Autowired
    JdbcTemplate jdbc;

    private NewDevice inEurope;
    private NewDevice inAmericas;
    private long rule;

    @BeforeEach
    void rulesAndDevices() {
        for (UUID organization : List.of(EUROPE, AMERICAS)) {
            jdbc.update("insert into organization (id, parent_id, name, path, depth, created_at, version) values "
                    + "(?, ?, ?, ?, 1, now(), 0)", organization.toString(), Scope.ROOT.toString(),
                    "Rules test " + organization.toString().substring(34), "/" + Scope.ROOT + "/" + organization);
        }
        SignIn.as(context, SignIn.ADMIN);
        UUID template = devices.createTemplate("Rules by organization test", List.of(new FieldSpec("temperature",
                FieldType.NUMBER, "°C"))).id();
        inEurope = devices.createDevice("rules-europe-1", "Rules test", template, EUROPE);
        inAmericas = devices.createDevice("rules-americas-1", "Rules test", template, AMERICAS);
        RuleForm form = new RuleForm();
        form.setName("Europe too warm");
        form.setOrganizationId(EUROPE);
        form.setTargetKind(TargetKind.ALL);
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "8"))));
        form.setRecipients("europe-ops@example.com");
        rule = rules.save(form).getId();
        SignIn.out();
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule where id = ?", rule);
        jdbc.update("delete from device where display_name = 'Rules test'");
        jdbc.update("delete from device_template where name = 'Rules by organization test'");
        jdbc.update("delete from organization where id in (?, ?)", EUROPE.toString(), AMERICAS.toString());
    }

    @Test
    void aRuleFiresForDevicesOfItsOrganizationOnly() throws Exception {
        post(inAmericas, 20);
        post(inEurope, 20);
        assertThat(firings(inAmericas)).as("a device of a sibling organization").isZero();
        assertThat(firings(inEurope)).isEqualTo(1);

        SignIn.as(context, SignIn.ADMIN);
        devices.moveDevices(List.of(inAmericas.device().id()), EUROPE);
        SignIn.out();
        post(inAmericas, 21);
        assertThat(firings(inAmericas)).as("moved into the rule's organization").isEqualTo(1);
    }

    @Test
    void moveOfTheRulesOrganizationIsNoticedWithTheRules() {
        // The rules' fingerprint covers the organizations: a move elsewhere drops the loaded rules.
        activeRules.all();
        jdbc.update("update organization set version = version + 1 where id = ?", AMERICAS.toString());
        activeRules.checkForChanges();
        assertThat(activeRules.all()).anySatisfy(active -> {
            assertThat(active.id()).isEqualTo(rule);
            assertThat(active.organizations()).containsExactly(EUROPE);
        });
    }

    private void post(NewDevice device, double temperature) throws InterruptedException {
        ingestion.ingest(device.device().deviceId(), device.key(), ("{\"timestamp\":\"" + Instant.now()
                + "\",\"temperature\":" + temperature + "}").getBytes(StandardCharsets.UTF_8));
        evaluator.awaitIdle();
    }

    private long firings(NewDevice device) {
        return jdbc.queryForObject("select count(*) from alert_firing where rule_id = ? and device_ref = ?", Long.class,
                rule, device.device().id());
    }
}
