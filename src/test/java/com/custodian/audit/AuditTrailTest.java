package com.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.custodian.users.UsersService;

/** The audit trail on MariaDB: one entry per change, none for a no-op, refusals kept, entries roll back with their change. */
@SpringBootTest
class AuditTrailTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    AuditTrail audit;
    @Autowired
    AlertRulesService rules;
    @Autowired
    UsersService users;
    @Autowired
    DirectoryService directory;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditRetention retention;

    private final List<Long> added = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule");
        added.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
    }

    @Test
    void deletingAUserIsOneEntryNamingActorAndTargetByObjectId() {
        UUID erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        long user = new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR);
        added.add(user);
        SignIn.as(context, SignIn.ADMIN);
        UUID admin = directory.findPeopleByEmail(SignIn.ADMIN).getFirst().objectId();
        long before = entries();
        users.deleteUsers(List.of(user), false);
        added.clear();
        assertThat(entries() - before).isEqualTo(1);
        AuditRow entry = audit.list(new AuditQuery(null, null, null, "user.deleted", erin.toString()), 0, 10).getFirst();
        assertThat(entry.actor()).isEqualTo(admin.toString());
        assertThat(entry.outcome()).isEqualTo("DONE");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where concat(coalesce(actor, ''), coalesce(target, ''), "
                + "coalesce(detail, '')) like '%@%'", Integer.class)).as("no email anywhere").isZero();
    }

    @Test
    void anEntryRollsBackWithItsChangeAndANoOpWritesNone() {
        SignIn.as(context, SignIn.BUILDER);
        long before = entries();
        transaction.executeWithoutResult(status -> {
            rules.save(rule("Rolled back"));
            status.setRollbackOnly();
        });
        assertThat(entries()).isEqualTo(before);
        rules.setEnabled(List.of(), false);
        assertThat(entries()).as("a no-op").isEqualTo(before);
        long id = rules.save(rule("Kept")).getId();
        assertThat(entries() - before).isEqualTo(1);
        SignIn.as(context, SignIn.ADMIN);
        assertThat(audit.list(new AuditQuery(null, null, null, "alert-rule.created", String.valueOf(id)), 0, 10))
                .singleElement().satisfies(entry -> assertThat(entry.detail()).isEqualTo("Kept"));
    }

    @Test
    void aRefusedCallIsARefusalEntryEvenThoughNothingChanged() {
        SignIn.as(context, SignIn.OPERATOR);
        long before = entries();
        assertThatThrownBy(() -> rules.save(rule("Refused"))).isInstanceOf(AccessDeniedException.class);
        assertThat(entries() - before).isEqualTo(1);
        assertThat(jdbc.queryForMap("select action, target, outcome from audit_entry order by id desc limit 1"))
                .containsEntry("action", "access").containsEntry("outcome", "REFUSED")
                .containsEntry("target", "AlertRulesService.save");
        assertThat(jdbc.queryForObject("select count(*) from alert_rule", Integer.class)).isZero();
        assertThatThrownBy(() -> audit.list(AuditQuery.ALL, 0, 10)).as("operators cannot read the trail")
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void controlCharactersCannotForgeEntriesAndTheCsvHasTheFilteredOnes() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        audit.done("test.injection", "x\r\nDONE admin deleted everything", "a\u0007b");
        AuditRow row = audit.list(new AuditQuery(null, null, null, "test.injection", null), 0, 1).getFirst();
        assertThat(row.target()).isEqualTo("x\\u000d\\u000aDONE admin deleted everything");
        assertThat(row.detail()).isEqualTo("a\\u0007b");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        audit.exportCsv(new AuditQuery(null, null, null, "test.injection", null), csv);
        List<String> lines = new String(csv.toByteArray(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("test.injection", "x\\u000d\\u000aDONE");
    }

    @Test
    void aChangeTheServiceRefusesIsOneRefusalEntryAndNoSuccess() {
        SignIn.as(context, SignIn.ADMIN);
        List<Long> administrators = jdbc.queryForList("select u.id from app_user u join role_assignment ra on ra.user_id = "
                + "u.id where ra.role_id = ? and u.principal_type = 'PERSON'", Long.class,
                BuiltInRole.APP_ADMINISTRATOR.id().toString());
        long before = entries();
        assertThatThrownBy(() -> users.deleteUsers(administrators, true))
                .isInstanceOf(com.custodian.users.UsersException.class);
        assertThat(entries() - before).isEqualTo(1);
        assertThat(jdbc.queryForMap("select action, target, outcome, detail from audit_entry order by id desc limit 1"))
                .containsEntry("action", "refused").containsEntry("outcome", "REFUSED")
                .containsEntry("target", "UsersService.deleteUsers").containsEntry("detail", "UsersException");
    }

    @Test
    void eachChangeOfRolesDevicesAndRequestsIsExactlyOneEntry() {
        SignIn.as(context, SignIn.ADMIN);
        var roles = context.getBean(com.custodian.users.RolesService.class);
        var devices = context.getBean(com.custodian.devices.DevicesService.class);
        var requests = context.getBean(com.custodian.requests.DataRequestsService.class);
        java.util.function.BiConsumer<String, Runnable> once = this::once;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var role = new com.custodian.users.RoleRow[1];
        once.accept("role.created", () -> role[0] = roles.createRole("Audit " + suffix,
                java.util.Set.of(com.custodian.security.Permission.VIEW_DEVICES)));
        once.accept("role.changed", () -> roles.updateRole(role[0].id(), role[0].version(), "Audit " + suffix + " 2",
                java.util.Set.of(com.custodian.security.Permission.VIEW_DEVICES)));
        once.accept("role.deleted", () -> roles.deleteRole(role[0].id()));
        var template = new com.custodian.devices.TemplateSummary[1];
        once.accept("device-template.created", () -> template[0] = devices.createTemplate("Audit " + suffix,
                List.of(new com.custodian.devices.FieldSpec("temperature", com.custodian.devices.FieldType.NUMBER, null))));
        var device = new com.custodian.devices.NewDevice[1];
        once.accept("device.created", () -> device[0] = devices.createDevice("audit-" + suffix, "Audit", template[0].id()));
        once.accept("device.disabled", () -> devices.setEnabled("audit-" + suffix, false));
        once.accept("device.key-regenerated", () -> devices.regenerateKey("audit-" + suffix));
        once.accept("device.deleted", () -> devices.deleteDevices(List.of(device[0].device().id())));
        var request = new com.custodian.requests.RequestRow[1];
        once.accept("data-request.opened", () -> request[0] = requests.open(new com.custodian.requests.NewRequest(
                com.custodian.requests.RequestType.ACCESS, "audit-" + suffix, java.time.LocalDate.now(
                        java.time.ZoneOffset.UTC), "", "")));
        once.accept("data-request.extended", () -> requests.extend(request[0].id(), 1, "Audit"));
        once.accept("data-request.completed", () -> requests.complete(request[0].id()));
        jdbc.update("delete from data_request");
        jdbc.update("delete from device_template where name = ?", "Audit " + suffix);
    }

    @Test
    void eachChangeOfUsersRulesAndDeviceDataIsExactlyOneEntryAndARepeatNone() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        // Users: assigned, roles changed (the same roles again is a no-op), deleted.
        UUID frank = directory.findPeopleByEmail("frank@contoso.test").getFirst().objectId();
        var user = new com.custodian.users.UserRow[1];
        once("user.assigned", () -> user[0] = users.assignUserByEmail("frank@contoso.test",
                java.util.Set.of(BuiltInRole.APP_OPERATOR.id())));
        added.add(user[0].id());
        assertThat(lastEntry()).containsEntry("target", frank.toString());
        once("user.roles-changed", () -> user[0] = users.changeRoles(user[0].id(), user[0].version(),
                java.util.Set.of(BuiltInRole.APP_BUILDER.id()), false));
        none(() -> users.changeRoles(user[0].id(), user[0].version(), java.util.Set.of(BuiltInRole.APP_BUILDER.id()), false));
        once("user.deleted", () -> users.deleteUsers(List.of(user[0].id()), false));
        added.clear();

        // Alert rules: disabled, enabled (each repeated is a no-op), address replaced and removed, deleted.
        long rule = rules.save(rule("Audited")).getId();
        once("alert-rule.disabled", () -> rules.setEnabled(List.of(rule), false));
        none(() -> rules.setEnabled(List.of(rule), false));
        once("alert-rule.enabled", () -> rules.setEnabled(List.of(rule), true));
        none(() -> rules.setEnabled(List.of(rule), true));
        once("alert-rule.address-replaced", () -> rules.replaceAddress("ops@example.com", "night-ops@example.com"));
        none(() -> rules.replaceAddress("ops@example.com", "night-ops@example.com"));
        once("alert-rule.address-removed", () -> rules.removeAddress("night-ops@example.com"));
        none(() -> rules.removeAddress("night-ops@example.com"));
        assertThat(lastEntry()).containsEntry("target", String.valueOf(rule));
        once("alert-rule.deleted", () -> rules.deleteRules(List.of(rule, Long.MAX_VALUE)));
        none(() -> rules.deleteRules(List.of(rule)));

        // Device data: exported and erased, one entry per device (erasing it again finds nothing).
        var devices = context.getBean(com.custodian.devices.DevicesService.class);
        var deviceData = context.getBean(com.custodian.devices.DeviceDataService.class);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var template = devices.createTemplate("Audit data " + suffix,
                List.of(new com.custodian.devices.FieldSpec("temperature", com.custodian.devices.FieldType.NUMBER, null)));
        long device = devices.createDevice("audit-data-" + suffix, "Audit", template.id()).device().id();
        none(() -> devices.setEnabled("audit-data-" + suffix, true));
        once("device-data.exported", () -> deviceData.export(List.of(device), OutputStream.nullOutputStream()));
        assertThat(lastEntry()).containsEntry("target", "audit-data-" + suffix);
        // Kept as a text: each reader sees it in their language.
        var translations = context.getBean(com.custodian.base.i18n.Translations.class);
        String detail = String.valueOf(lastEntry().get("detail"));
        assertThat(com.custodian.base.i18n.StoredText.read(detail, translations, java.util.Locale.ENGLISH))
                .isEqualTo("1 device, no telemetry value in all");
        assertThat(com.custodian.base.i18n.StoredText.read(detail, translations, java.util.Locale.GERMAN))
                .isEqualTo("1 Gerät, insgesamt kein Telemetriewert");
        once("device-data.erased", () -> deviceData.erase(List.of(device)));
        assertThat(lastEntry()).containsEntry("target", "audit-data-" + suffix);
        none(() -> deviceData.erase(List.of(device)));
        jdbc.update("delete from device_template where name = ?", "Audit data " + suffix);

        // Refusals: one entry each, never a success.
        SignIn.as(context, SignIn.OPERATOR);
        refusedOnce("access", () -> deviceData.export(List.of(device), OutputStream.nullOutputStream()));
        SignIn.as(context, SignIn.ADMIN);
        refusedOnce("refused", () -> rules.replaceAddress("ops@example.com", "not an address"));
        assertThat(lastEntry()).containsEntry("target", "AlertRulesService.replaceAddress");
    }

    @Test
    void pseudonymisingASubjectReadsTheirEntriesByIndexNotTheWholeTrail() {
        // Entries of others: a scan would read them all, and lock each in the erasure's transaction.
        com.custodian.testsupport.BenchmarkData.insertRows(jdbc, 600, 300,
                "insert into audit_entry (at, actor, action, target, outcome) values ",
                i -> "(utc_timestamp(6), 'someone', 'test.pseudonym', 'device-" + i + "', 'DONE')");
        UUID subject = UUID.randomUUID();
        jdbc.update("insert into audit_entry (at, actor, action, target, outcome) values (utc_timestamp(6), ?, "
                + "'test.pseudonym', 'device-x', 'DONE'), (utc_timestamp(6), 'someone', 'test.pseudonym', ?, 'DONE')",
                subject.toString(), subject.toString());
        try {
            long[] changedAndScanned = transaction.execute(status -> {
                long first = rowsScanned();
                long counting = rowsScanned() - first; // what asking adds
                long before = rowsScanned();
                int changed = audit.pseudonymise(subject, "subject of DR-TEST");
                return new long[] {changed, rowsScanned() - before - counting};
            });
            assertThat(changedAndScanned[0]).isEqualTo(2);
            assertThat(changedAndScanned[1]).as("rows read by scanning the table").isLessThan(10);
        } finally {
            jdbc.update("delete from audit_entry where action = 'test.pseudonym'");
        }
    }

    /** Rows this connection has read by scanning tables, as the server counts them. */
    private long rowsScanned() {
        return jdbc.queryForObject("select variable_value from information_schema.session_status "
                + "where variable_name = 'HANDLER_READ_RND_NEXT'", Long.class);
    }

    @Test
    void entriesOlderThanTheRetentionPeriodGo() {
        jdbc.update("insert into audit_entry (at, actor, action, target, outcome) values (?, null, 'test.old', 'a', 'DONE')",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusDays(400));
        jdbc.update("insert into audit_entry (at, actor, action, target, outcome) values (?, null, 'test.recent', 'b', 'DONE')",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusDays(300));
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.old'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.recent'", Integer.class))
                .isEqualTo(1);
        // Not an action of the application: other tests read the trail's pages.
        jdbc.update("delete from audit_entry where action = 'test.recent'");
    }

    private void once(String action, Runnable change) {
        long before = entries();
        change.run();
        assertThat(entries() - before).as(action).isEqualTo(1);
        assertThat(lastEntry()).as(action).containsEntry("action", action).containsEntry("outcome", "DONE");
    }

    private void none(Runnable noOp) {
        long before = entries();
        noOp.run();
        assertThat(entries()).as("a no-op writes no entry").isEqualTo(before);
    }

    private void refusedOnce(String action, Runnable refused) {
        long before = entries();
        assertThatThrownBy(refused::run).isInstanceOf(RuntimeException.class);
        assertThat(entries() - before).as(action).isEqualTo(1);
        assertThat(lastEntry()).as(action).containsEntry("action", action).containsEntry("outcome", "REFUSED");
    }

    private java.util.Map<String, Object> lastEntry() {
        return jdbc.queryForMap("select action, target, outcome, detail from audit_entry order by id desc limit 1");
    }

    private long entries() {
        return jdbc.queryForObject("select count(*) from audit_entry", Long.class);
    }

    private static RuleForm rule(String name) {
        RuleForm form = new RuleForm();
        form.setName(name);
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        form.setRecipients("ops@example.com");
        return form;
    }
}
