package com.custodian.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TemplateSummary;
import com.custodian.testsupport.SignIn;

/** The rules service on MariaDB: validation, saving, concurrent edits, permissions and addresses. */
@SpringBootTest
class AlertRulesServiceTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DevicesService devices;
    @Autowired
    JdbcTemplate jdbc;

    private TemplateSummary template;
    private TemplateSummary other;
    private NewDevice device;

    @BeforeEach
    void template() {
        SignIn.as(context, SignIn.ADMIN);
        template = devices.createTemplate("Rules test " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C"), new FieldSpec("door_open", FieldType.BOOLEAN, null),
                new FieldSpec("status", FieldType.TEXT, null)));
        other = devices.createTemplate("Rules test other " + UUID.randomUUID(),
                List.of(new FieldSpec("pressure", FieldType.NUMBER, "hPa")));
        device = devices.createDevice("rules-" + UUID.randomUUID(), "Rules test", other.id());
        SignIn.as(context, SignIn.BUILDER);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from device where display_name = 'Rules test'");
        jdbc.update("delete from device_template where name like 'Rules test %'");
    }

    @Test
    void aChangeMadeOnAnotherInstanceReachesTheEvaluationHereWithinACheck() {
        ActiveRules active = context.getBean(ActiveRules.class);
        RuleForm form = new RuleForm();
        form.setName("Changed elsewhere");
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        form.setRecipients("ops@example.com");
        long id = rules.save(form).getId();
        assertThat(active.all()).extracting(ActiveRule::id).contains(id);
        active.checkForChanges();
        assertThat(active.all()).as("nothing changed: still loaded").extracting(ActiveRule::id).contains(id);
        // Another instance disables it: a row change this instance hears nothing about.
        jdbc.update("update alert_rule set enabled = false, version = version + 1, updated_at = ? where id = ?",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC), id);
        assertThat(active.all()).as("not noticed before the check").extracting(ActiveRule::id).contains(id);
        active.checkForChanges();
        assertThat(active.all()).extracting(ActiveRule::id).doesNotContain(id);
    }

    @Test
    void aValidRuleIsSavedAndReadBackAsItWasWritten() {
        RuleForm saved = rules.save(form(f -> {
            f.setMatchMode(MatchMode.ANY);
            f.getConditions().add(RuleForm.ConditionForm.of("door_open", Operator.EQ, "1"));
            f.setAggregation(Aggregation.AVERAGE);
            f.setWindowMinutes(15);
            f.setNote("Check the fridge");
        }));
        RuleForm read = rules.rule(saved.getId());
        assertThat(read.getName()).isEqualTo(saved.getName());
        assertThat(read.getTargetKind()).isEqualTo(TargetKind.TEMPLATE);
        assertThat(read.getTemplateId()).isEqualTo(template.id());
        assertThat(read.getConditions()).extracting(RuleForm.ConditionForm::getField, RuleForm.ConditionForm::getOperator,
                RuleForm.ConditionForm::getThreshold).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("temperature", Operator.GT, "30.5"),
                        org.assertj.core.groups.Tuple.tuple("door_open", Operator.EQ, "1"));
        assertThat(read.getRecipients()).isEqualTo("erin@contoso.test\nops@example.com");
        assertThat(read.getWindowMinutes()).isEqualTo(15);
        assertThat(read.getNote()).isEqualTo("Check the fridge");
        List<RuleRow> listed = rules.listRules(saved.getName(), 0, 10);
        assertThat(listed).singleElement().satisfies(row -> {
            assertThat(com.custodian.base.i18n.Translations.english(row.target())).isEqualTo("Template " + template.name());
            assertThat(com.custodian.base.i18n.Translations.english(row.conditions()))
                    .isEqualTo("temperature > 30.5 or door_open = 1 (average over 15 min)");
        });
    }

    @Test
    void eachBadInputIsNamedNextToItsFieldAndNothingIsSaved() {
        rules.save(form(f -> f.setName("Taken")));
        Map<String, Consumer<RuleForm>> bad = new java.util.LinkedHashMap<>();
        bad.put("name", f -> f.setName("  "));
        bad.put("name ", f -> f.setName("taken"));
        bad.put("name  ", f -> f.setName("x".repeat(101)));
        bad.put("recipients", f -> f.setRecipients("not-an-address"));
        bad.put("recipients ", f -> f.setRecipients("a".repeat(250) + "@x.io"));
        bad.put("recipients  ", f -> f.setRecipients("erin@contoso.test\r\nBcc: everyone@example.com"));
        bad.put("recipients   ", f -> f.setRecipients("erin@contoso.test\r"));
        bad.put("recipients    ", f -> f.setRecipients("erin@contoso.test, ERIN@contoso.test"));
        bad.put("recipients     ", f -> f.setRecipients(" \n , "));
        bad.put("conditions[0].field", f -> f.getConditions().getFirst().setField("pressure"));
        bad.put("conditions[0].field ", f -> f.getConditions().getFirst().setField("status"));
        bad.put("conditions[0].threshold", f -> f.getConditions().getFirst().setThreshold("warm"));
        bad.put("conditions[0].threshold ", f -> f.getConditions().getFirst().setThreshold("1e999"));
        bad.put("conditions[0].threshold  ", f -> f.getConditions().getFirst().setThreshold(""));
        bad.put("conditions", f -> f.getConditions().clear());
        bad.put("template", f -> f.setTemplateId(null));
        bad.put("devices", f -> f.setTargetKind(TargetKind.DEVICES));
        bad.put("window", f -> f.setAggregation(Aggregation.MAX));
        bad.put("window ", f -> {
            f.setAggregation(Aggregation.MAX);
            f.setWindowMinutes(7);
        });
        bad.put("note", f -> f.setNote("n".repeat(1001)));
        long before = count();
        bad.forEach((field, change) -> assertThatThrownBy(() -> rules.save(form(change))).as(field)
                .isInstanceOfSatisfying(InvalidRuleException.class, refusal -> {
                    assertThat(refusal.problems()).as(field).containsOnlyKeys(field.strip());
                    assertThat(refusal.problems().get(field.strip()).key()).as(field).startsWith("alerts.problem.");
                    assertThat(refusal.getMessage()).as(field)
                            .isEqualTo(com.custodian.base.i18n.Translations.english(refusal.problems().get(field.strip())));
                }));
        assertThat(count()).isEqualTo(before);
        assertThat(com.custodian.base.i18n.Translations.english(rules.problems(form(f -> f.getConditions().getFirst()
                .setField("pressure"))).get("conditions[0].field")))
                .isEqualTo("The template " + template.name() + " has no field \u201cpressure\u201d.");
    }

    @Test
    void aConditionOnListedDevicesMustExistInTheirTemplates() {
        RuleForm listed = form(f -> {
            f.setTargetKind(TargetKind.DEVICES);
            f.setDeviceRefs(new LinkedHashSet<>(Set.of(device.device().id())));
        });
        assertThat(rules.problems(listed)).containsOnlyKeys("conditions[0].field");
        listed.getConditions().getFirst().setField("pressure");
        assertThat(rules.save(listed).getDeviceRefs()).containsExactly(device.device().id());
    }

    @Test
    void aRuleChangedMeanwhileIsNotOverwritten() {
        RuleForm saved = rules.save(form(f -> { }));
        RuleForm mine = rules.rule(saved.getId());
        RuleForm theirs = rules.rule(saved.getId());
        theirs.setNote("Theirs");
        rules.save(theirs);
        mine.setNote("Mine");
        assertThatThrownBy(() -> rules.save(mine)).isInstanceOfSatisfying(InvalidRuleException.class,
                refusal -> assertThat(refusal.problems()).containsKey("version"));
        assertThat(rules.rule(saved.getId()).getNote()).isEqualTo("Theirs");
    }

    @Test
    void operatorsViewRulesAndOnlyBuildersAndAdministratorsChangeThem() {
        RuleForm saved = rules.save(form(f -> { }));
        SignIn.as(context, SignIn.OPERATOR);
        assertThat(rules.listRules("", 0, 10)).hasSize(1);
        assertThat(rules.rule(saved.getId()).getName()).isEqualTo(saved.getName());
        assertThat(rules.recipients()).isNotEmpty();
        assertThatThrownBy(() -> rules.save(form(f -> f.setName("Operator's")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.deleteRules(List.of(saved.getId()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.setEnabled(List.of(saved.getId()), false)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.removeAddress("erin@contoso.test")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.replaceAddress("erin@contoso.test", "x@example.com"))
                .isInstanceOf(AccessDeniedException.class);
        SignIn.as(context, SignIn.NO_ROLE);
        assertThatThrownBy(() -> rules.listRules("", 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.recipients()).isInstanceOf(AccessDeniedException.class);
        SignIn.as(context, SignIn.ADMIN);
        assertThat(rules.deleteRules(List.of(saved.getId()))).isEqualTo(1);
        assertThat(count()).isZero();
    }

    @Test
    void replacingAnAddressKeepsOneCopyOnRulesThatHadBoth() {
        RuleForm both = rules.save(form(f -> f.setRecipients("erin@contoso.test, new@example.com")));
        RuleForm old = rules.save(form(f -> f.setName("Old only")));
        assertThat(rules.replaceAddress("Erin@Contoso.test", "new@example.com")).isEqualTo(2);
        assertThat(rules.rule(both.getId()).getRecipients()).isEqualTo("new@example.com");
        assertThat(rules.rule(old.getId()).getRecipients()).isEqualTo("new@example.com\nops@example.com");
        assertThat(rules.rule(old.getId()).getVersion()).isGreaterThan(old.getVersion());
        assertThatThrownBy(() -> rules.replaceAddress("new@example.com", "bad address"))
                .isInstanceOfSatisfying(InvalidRuleException.class,
                        refusal -> assertThat(refusal.problems()).containsKey("recipients"));
    }

    @Test
    void removingAnAddressFromAThousandRulesCostsWhatItCostsForTen() {
        long ten = removalStatements(10);
        long thousand = removalStatements(1000);
        assertThat(thousand).isEqualTo(ten).isLessThanOrEqualTo(5);
    }

    /** Statements the server ran to remove one address from that many rules. */
    private long removalStatements(int ruleCount) {
        jdbc.update("delete from alert_rule");
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> recipients = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            long id = 1_000_000L + i;
            rows.add(new Object[] {id, "Bulk " + i});
            recipients.add(new Object[] {id, "gone@example.com"});
            recipients.add(new Object[] {id, "stays@example.com"});
        }
        jdbc.batchUpdate("insert into alert_rule (id, name, enabled, target_kind, match_mode, aggregation, created_at, "
                + "updated_at, version) values (?, ?, true, 'ALL', 'ALL', 'NONE', now(), now(), 0)", rows);
        jdbc.batchUpdate("insert into alert_recipient (rule_id, email) values (?, ?)", recipients);
        long before = statementsRun();
        assertThat(rules.removeAddress("gone@example.com")).isEqualTo(ruleCount);
        long statements = statementsRun() - before - 1;
        assertThat(jdbc.queryForObject("select count(*) from alert_recipient where email = 'gone@example.com'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from alert_recipient", Integer.class)).isEqualTo(ruleCount);
        return statements;
    }

    private long statementsRun() {
        return jdbc.queryForList("show global status where variable_name in "
                + "('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_delete_multi', 'Com_update_multi')")
                .stream().mapToLong(row -> Long.parseLong(String.valueOf(row.get("Value")))).sum();
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from alert_rule", Long.class);
    }

    private RuleForm form(Consumer<RuleForm> change) {
        RuleForm form = new RuleForm();
        form.setName("Too warm " + UUID.randomUUID().toString().substring(0, 8));
        form.setTargetKind(TargetKind.TEMPLATE);
        form.setTemplateId(template.id());
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30.5"))));
        form.setRecipients("ops@example.com\nErin@contoso.test");
        change.accept(form);
        return form;
    }
}
