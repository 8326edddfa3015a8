package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestType;
import com.custodian.security.Permission;
import com.custodian.testsupport.HostileStrings;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.RolesService;
import com.custodian.users.UsersService;

/**
 * Hostile and random text into every field the forms send to the services: huge, control
 * characters, SQL, HTML and script, Unicode edge cases (lone surrogates, right-to-left override,
 * combining marks, emoji), and random strings. Each call either succeeds or is refused with the
 * service's own message (a {@link Refusal}); never another exception, which a page would show as an
 * error. A refused call stores nothing.
 */
@SpringBootTest
class HostileInputTest {

    private static final List<String> HOSTILE = HostileStrings.ALL;

    /** Tables whose row counts a refused call must leave as they were. */
    private static final List<String> TABLES = List.of("app_user", "role_assignment", "app_role", "device",
            "device_template", "alert_rule", "alert_recipient", "data_request", "organization");

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UsersService users;
    @Autowired
    RolesService roles;
    @Autowired
    DevicesService devices;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DataRequestsService requests;
    @Autowired
    com.custodian.organizations.OrganizationsService organizations;

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from data_request");
        jdbc.update("delete from device where display_name like 'Hostile%' or device_id like 'hostile-%'");
        jdbc.update("delete from device_template where name like 'Hostile%'");
        jdbc.update("delete from app_role where name like 'Hostile%' or built_in = false");
    }

    @Test
    void everyFormFieldTakesHostileAndRandomTextWithoutAnUnexpectedError() {
        SignIn.as(context, SignIn.ADMIN);
        var template = devices.createTemplate("Hostile template",
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        List<String> inputs = new ArrayList<>(HOSTILE);
        Random random = new Random(20261129);
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            for (int c = 0; c < length; c++) {
                text.appendCodePoint(random.nextInt(5) == 0 ? random.nextInt(0x20) : random.nextInt(0x2FFFF));
            }
            inputs.add(text.toString());
        }

        Map<String, Consumer<String>> fields = new java.util.LinkedHashMap<>();
        fields.put("assign user: email", text -> users.assignUserByEmail(text, Set.of(BuiltInRole.APP_OPERATOR.id())));
        fields.put("assign service principal: object ID",
                text -> users.assignServicePrincipal(text, Set.of(BuiltInRole.APP_OPERATOR.id())));
        fields.put("assign group: object ID", text -> users.assignGroup(text, Set.of(BuiltInRole.APP_OPERATOR.id())));
        fields.put("find groups: name", text -> users.findGroups(text));
        var root = organizations.root();
        fields.put("organization: name", text -> organizations.create(root.id(), text, null));
        fields.put("organization: description", text -> organizations.create(root.id(),
                "Hostile " + Math.abs(text.hashCode()), text));
        fields.put("role: name", text -> roles.createRole(text, Set.of(Permission.VIEW_DEVICES)));
        fields.put("template: name", text -> devices.createTemplate(text,
                List.of(new FieldSpec("temperature", FieldType.NUMBER, null))));
        fields.put("template: field name", text -> devices.createTemplate("Hostile " + Math.abs(text.hashCode()),
                List.of(new FieldSpec(text, FieldType.NUMBER, null))));
        fields.put("template: unit", text -> devices.createTemplate("Hostile unit " + Math.abs(text.hashCode()),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, text))));
        fields.put("device: ID", text -> devices.createDevice(text, "Hostile device", template.id()));
        fields.put("device: name", text -> devices.createDevice("hostile-" + Math.abs(text.hashCode()), text,
                template.id()));
        fields.put("rule: name", text -> rules.save(rule(text, "30", "ops@example.com", "")));
        fields.put("rule: threshold", text -> rules.save(rule("Hostile threshold", text, "ops@example.com", "")));
        fields.put("rule: recipients", text -> rules.save(rule("Hostile recipients", "30", text, "")));
        fields.put("rule: note", text -> rules.save(rule("Hostile note", "30", "ops@example.com", text)));
        fields.put("request: subject", text -> requests.open(new NewRequest(RequestType.ACCESS, text, today(), "", "")));
        fields.put("request: reference", text -> requests.open(new NewRequest(RequestType.ACCESS, "sensor-1", today(),
                text, "")));
        fields.put("request: note", text -> requests.open(new NewRequest(RequestType.ACCESS, "sensor-1", today(), "",
                text)));

        List<String> unexpected = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, Consumer<String>> field : fields.entrySet()) {
            for (String input : inputs) {
                Map<String, Long> before = counts();
                calls++;
                try {
                    field.getValue().accept(input);
                } catch (RuntimeException e) {
                    if (!(e instanceof Refusal)) {
                        unexpected.add(field.getKey() + " ← " + describe(input) + ": " + e);
                    } else if (!counts().equals(before)) {
                        unexpected.add(field.getKey() + " ← " + describe(input) + ": refused, but stored something");
                    }
                }
                jdbc.update("delete from alert_rule");
                jdbc.update("delete from data_request");
                forgetOrganizationsMadeHere();
            }
        }
        assertThat(unexpected).as("calls that failed other than with the service's own refusal").isEmpty();
        assertThat(calls).isGreaterThan(1000);
    }

    /** Organizations an input created: the limit of 200 must not refuse the next inputs. */
    private void forgetOrganizationsMadeHere() {
        jdbc.update("delete from organization where depth = 1 and id not in (?, ?)",
                com.custodian.organizations.DemoOrganizations.SEATTLE.toString(),
                com.custodian.organizations.DemoOrganizations.BERLIN.toString());
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        TABLES.forEach(table -> counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class)));
        return counts;
    }

    private static RuleForm rule(String name, String threshold, String recipients, String note) {
        RuleForm form = new RuleForm();
        form.setName(name);
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, threshold))));
        form.setRecipients(recipients);
        form.setNote(note);
        return form;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static String describe(String input) {
        return HostileStrings.describe(input);
    }
}
