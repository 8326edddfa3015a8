package com.custodian.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import com.custodian.alerts.InvalidRuleException;
import com.custodian.alerts.RuleRow;
import com.custodian.audit.AuditTrail;
import com.custodian.devices.DeviceDataService;
import com.custodian.devices.DeviceRow;
import com.custodian.devices.DevicesException;
import com.custodian.devices.DevicesProblem;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.requests.DataRequestsService;
import com.custodian.security.Scope;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.UserQuery;
import com.custodian.users.UserRow;
import com.custodian.users.UsersException;
import com.custodian.users.UsersProblem;
import com.custodian.users.UsersService;

/**
 * Scoping by organization, enforced in the services: a tree of root → Europe (middle) → Berlin
 * Mitte (leaf) and root → Americas (sibling), a device in each, and a person managing each
 * organization (the root's is the demo administrator). Each is allowed exactly within their subtree;
 * a device or user outside is answered as not found and left as it was; application-wide
 * permissions (data requests, the audit trail) given below the root give nothing.
 */
@SpringBootTest
class OrganizationScopeTest {

    static final UUID MIDDLE = UUID.fromString("5c0e0000-0000-4000-8000-000000000001");
    static final UUID LEAF = UUID.fromString("5c0e0000-0000-4000-8000-000000000002");
    static final UUID SIBLING = UUID.fromString("5c0e0000-0000-4000-8000-000000000003");
    /** A role with every permission: below the root, the application-wide ones must count for nothing. */
    static final String MANAGER_ROLE = "5c0e0000-0000-4000-8000-0000000000a1";
    /** People of the demo directory without roles of their own. */
    static final String LEAF_MANAGER = "erin@contoso.test";
    static final String MIDDLE_MANAGER = "frank@contoso.test";
    static final String SIBLING_MANAGER = "dana@contoso.test";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevicesService devices;
    @Autowired
    DeviceDataService deviceData;
    @Autowired
    UsersService users;
    @Autowired
    DataRequestsService requests;
    @Autowired
    AuditTrail audit;
    @Autowired
    com.custodian.users.UserExportService exports;
    @Autowired
    com.custodian.alerts.AlertRulesService rules;

    /** Organization → the device in it. */
    private final Map<UUID, DeviceRow> deviceIn = new LinkedHashMap<>();
    private final Map<String, Long> userIds = new LinkedHashMap<>();

    @BeforeEach
    void tree() {
        String root = "/" + Scope.ROOT;
        organization(MIDDLE, Scope.ROOT, "Scope Europe", root + "/" + MIDDLE, 1);
        organization(LEAF, MIDDLE, "Scope Berlin Mitte", root + "/" + MIDDLE + "/" + LEAF, 2);
        organization(SIBLING, Scope.ROOT, "Scope Americas", root + "/" + SIBLING, 1);
        jdbc.update("insert into app_role (id, name, built_in, created_at, version) values (?, 'Scope manager', false, "
                + "now(), 0)", MANAGER_ROLE);
        for (com.custodian.security.Permission permission : com.custodian.security.Permission.values()) {
            jdbc.update("insert into role_permission (role_id, permission) values (?, ?)", MANAGER_ROLE, permission.name());
        }
        String tenant = context.getBean(com.custodian.directory.DirectoryService.class).tenantId().toString();
        long id = 71_000_000;
        for (Map.Entry<String, UUID> manager : Map.of(LEAF_MANAGER, LEAF, MIDDLE_MANAGER, MIDDLE, SIBLING_MANAGER,
                SIBLING).entrySet()) {
            UUID objectId = context.getBean(com.custodian.directory.DirectoryService.class)
                    .findPeopleByEmail(manager.getKey()).getFirst().objectId();
            jdbc.update("insert into app_user (id, tenant_id, object_id, principal_type, added_at, version) values "
                    + "(?, ?, ?, 'PERSON', now(), 0)", id, tenant, objectId.toString());
            jdbc.update("insert into role_assignment (user_id, role_id, organization_id) values (?, ?, ?)", id,
                    MANAGER_ROLE, manager.getValue().toString());
            userIds.put(manager.getKey(), id++);
        }
        SignIn.as(context, SignIn.ADMIN);
        UUID template = devices.createTemplate("Scope test template", List.of(new FieldSpec("temperature",
                FieldType.NUMBER, "°C"))).id();
        for (UUID organization : List.of(Scope.ROOT, MIDDLE, LEAF, SIBLING)) {
            deviceIn.put(organization, devices.createDevice("scope-" + organization.toString().substring(30),
                    "Scope test", template, organization).device());
        }
        SignIn.out();
    }

    private void organization(UUID id, UUID parent, String name, String path, int depth) {
        jdbc.update("insert into organization (id, parent_id, name, path, depth, created_at, version) values "
                + "(?, ?, ?, ?, ?, now(), 0)", id.toString(), parent.toString(), name, path, depth);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule where name like 'Scope rule %'");
        jdbc.update("delete from device where display_name = 'Scope test'");
        jdbc.update("delete from device_template where name = 'Scope test template'");
        jdbc.update("delete from app_user where id >= 71000000 and id < 71000100");
        jdbc.update("delete from role_assignment where organization_id in (?, ?, ?)", MIDDLE.toString(),
                LEAF.toString(), SIBLING.toString());
        jdbc.update("delete from role_permission where role_id = ?", MANAGER_ROLE);
        jdbc.update("delete from app_role where id = ?", MANAGER_ROLE);
        jdbc.update("delete from organization where id = ?", LEAF.toString());
        jdbc.update("delete from organization where id in (?, ?)", MIDDLE.toString(), SIBLING.toString());
    }

    /** Caller → the organizations whose devices they reach. */
    private static Map<String, Set<UUID>> reach() {
        Map<String, Set<UUID>> reach = new LinkedHashMap<>();
        reach.put(SignIn.ADMIN, Set.of(Scope.ROOT, MIDDLE, LEAF, SIBLING));
        reach.put(MIDDLE_MANAGER, Set.of(MIDDLE, LEAF));
        reach.put(LEAF_MANAGER, Set.of(LEAF));
        reach.put(SIBLING_MANAGER, Set.of(SIBLING));
        return reach;
    }

    @Test
    void eachCallerSeesTheDevicesOfTheirSubtreeAndNothingElse() {
        reach().forEach((caller, organizations) -> {
            SignIn.as(context, caller);
            List<String> seen = devices.listDevices("scope-", 0, 50).stream().map(DeviceRow::deviceId).toList();
            assertThat(seen).as(caller).containsExactlyInAnyOrderElementsOf(organizations.stream()
                    .map(organization -> deviceIn.get(organization).deviceId()).toList());
            assertThat(devices.countDevices("scope-")).as(caller).isEqualTo(organizations.size());
            for (Map.Entry<UUID, DeviceRow> device : deviceIn.entrySet()) {
                boolean inside = organizations.contains(device.getKey());
                String deviceId = device.getValue().deviceId();
                long id = device.getValue().id();
                if (inside) {
                    assertThat(devices.device(deviceId).id()).isEqualTo(id);
                    assertThat(devices.telemetryCount(id, java.time.Instant.now())).isZero();
                    assertThat(devices.devices(List.of(id))).hasSize(1);
                } else {
                    assertNotFound(() -> devices.device(deviceId), caller + " reading " + deviceId);
                    assertNotFound(() -> devices.telemetryCount(id, java.time.Instant.now()), caller);
                    assertNotFound(() -> devices.latest(id), caller);
                    assertNotFound(() -> devices.series(id, "temperature", java.time.Instant.EPOCH, 10), caller);
                    assertNotFound(() -> devices.telemetryPage(id, java.time.Instant.now(), 0, 10), caller);
                    assertNotFound(() -> devices.setEnabled(deviceId, false), caller + " disabling " + deviceId);
                    assertNotFound(() -> devices.regenerateKey(deviceId), caller);
                    assertThat(devices.devices(List.of(id))).as(caller).isEmpty();
                    assertThat(devices.telemetryCounts(List.of(id))).as(caller).isEmpty();
                    assertThat(devices.deleteDevices(List.of(id))).as(caller + " deleting " + deviceId).isZero();
                    assertThat(devices.moveDevices(List.of(id), organizations.iterator().next())).isZero();
                    assertThatThrownBy(() -> deviceData.export(List.of(id), new ByteArrayOutputStream()))
                            .isInstanceOf(DevicesException.class);
                    assertThat(deviceData.erase(List.of(id)).devices()).isZero();
                    assertThatThrownBy(() -> devices.createDevice("scope-new", null, device.getValue().templateId(),
                            device.getKey())).as(caller + " creating in " + device.getKey())
                            .isInstanceOf(DevicesException.class)
                            .extracting(e -> ((DevicesException) e).problem())
                            .isEqualTo(DevicesProblem.ORGANIZATION_NOT_FOUND);
                }
            }
            SignIn.out();
        });
        // Nothing outside anyone's reach changed.
        assertThat(jdbc.queryForObject("select count(*) from device where display_name = 'Scope test' and enabled",
                Long.class)).isEqualTo(4);
    }

    @Test
    void aMiddleManagerMovesDevicesWithinTheirSubtreeOnly() {
        SignIn.as(context, MIDDLE_MANAGER);
        long leafDevice = deviceIn.get(LEAF).id();
        assertThat(devices.moveDevices(List.of(leafDevice), MIDDLE)).isEqualTo(1);
        assertThatThrownBy(() -> devices.moveDevices(List.of(leafDevice), SIBLING))
                .isInstanceOf(DevicesException.class);
        assertThat(jdbc.queryForObject("select organization_id from device where id = ?", String.class, leafDevice))
                .isEqualTo(MIDDLE.toString());

        SignIn.as(context, LEAF_MANAGER);
        assertThat(devices.listDevices("scope-", 0, 50)).as("moved out of the leaf").isEmpty();
        assertThat(devices.listDevices("scope-", LEAF, 0, 50)).isEmpty();
        assertThat(devices.listDevices("scope-", MIDDLE, 0, 50)).as("a filter does not widen the reach").isEmpty();
    }

    @Test
    void usersAreSeenAndGrantedWithinTheSubtree() {
        SignIn.as(context, LEAF_MANAGER);
        assertThat(users.countUsers(UserQuery.ALL)).as("the leaf manager sees only the leaf").isEqualTo(1);
        assertThatThrownBy(() -> users.assignUserByEmail("lukas@contoso.test", MIDDLE,
                Set.of(BuiltInRole.APP_OPERATOR.id()))).isInstanceOf(UsersException.class)
                .extracting(e -> ((UsersException) e).problem()).isEqualTo(UsersProblem.ORGANIZATION_NOT_FOUND);

        SignIn.as(context, MIDDLE_MANAGER);
        List<String> seen = users.listUsers(UserQuery.ALL, PageRequest.of(0, 500)).stream()
                .map(row -> row.objectId().toString()).toList();
        assertThat(seen).as("the middle manager sees the leaf's and their own").hasSize(2);
        assertThat(users.countUsers(UserQuery.ALL)).isEqualTo(2);
        assertThatThrownBy(() -> users.user(userIds.get(SIBLING_MANAGER))).isInstanceOf(UsersException.class)
                .extracting(e -> ((UsersException) e).problem()).isEqualTo(UsersProblem.USER_NOT_FOUND);
        assertThatThrownBy(() -> users.changeRoles(userIds.get(SIBLING_MANAGER), 0, SIBLING,
                Set.of(BuiltInRole.APP_OPERATOR.id()), false)).isInstanceOf(UsersException.class)
                .extracting(e -> ((UsersException) e).problem()).isEqualTo(UsersProblem.ORGANIZATION_NOT_FOUND);
        // Granting in the leaf is theirs; above their own organization is not.
        UserRow leafManager = users.user(userIds.get(LEAF_MANAGER));
        UserRow changed = users.changeRoles(leafManager.id(), leafManager.version(), LEAF,
                Set.of(BuiltInRole.APP_BUILDER.id(), BuiltInRole.APP_OPERATOR.id()), false);
        assertThat(changed.assignments()).extracting(UserRow.Assignment::organizationId).containsOnly(LEAF);
        assertThatThrownBy(() -> users.assignUserByEmail("lukas@contoso.test", Scope.ROOT,
                Set.of(BuiltInRole.APP_OPERATOR.id()))).isInstanceOf(UsersException.class)
                .extracting(e -> ((UsersException) e).problem()).isEqualTo(UsersProblem.ORGANIZATION_NOT_FOUND);
        // A role with permissions of the whole application gives them only at the root: refused below it.
        assertThatThrownBy(() -> users.assignUserByEmail("lukas@contoso.test", LEAF,
                Set.of(BuiltInRole.APP_ADMINISTRATOR.id()))).isInstanceOf(UsersException.class)
                .extracting(e -> ((UsersException) e).problem()).isEqualTo(UsersProblem.ROLE_ONLY_AT_ROOT);
        assertThat(users.grantableRoles(LEAF)).extracting(com.custodian.users.RoleSummary::id)
                .contains(BuiltInRole.APP_OPERATOR.id()).doesNotContain(BuiltInRole.APP_ADMINISTRATOR.id());
        assertThat(users.grantableRoles(SIBLING)).isEmpty();
        // Lukas, an operator in the demo's Berlin, gains a role in the leaf and keeps Berlin's (unseen here).
        UserRow lukas = users.assignUserByEmail("lukas@contoso.test", LEAF, Set.of(BuiltInRole.APP_OPERATOR.id()));
        assertThat(lukas.assignments()).extracting(UserRow.Assignment::organizationId).containsExactly(LEAF);
        assertThat(jdbc.queryForObject("select count(*) from role_assignment a join app_user u on u.id = a.user_id "
                + "where u.object_id = ?", Long.class, lukas.objectId().toString())).isEqualTo(2);
        users.changeRoles(lukas.id(), users.user(lukas.id()).version(), LEAF, Set.of(), false);
        assertThat(jdbc.queryForObject("select count(*) from role_assignment a join app_user u on u.id = a.user_id "
                + "where u.object_id = ?", Long.class, lukas.objectId().toString())).isEqualTo(1);

    }

    @Test
    void anExportOfUsersHoldsOnlyThoseTheCallerSees() {
        SignIn.as(context, MIDDLE_MANAGER);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        assertThat(exports.exportAll(com.custodian.base.export.ExportFormat.CSV, all)).isEqualTo(2);
        String csv = all.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).as("a role below the root names its organization").contains("Scope manager in Scope Berlin Mitte");
        assertThat(csv).contains("erin@contoso.test", "frank@contoso.test").doesNotContain("dana@contoso.test")
                .doesNotContain("admin@contoso.test");
        assertThat(exports.export(com.custodian.base.export.ExportFormat.CSV, List.of(userIds.get(SIBLING_MANAGER)),
                java.io.OutputStream.nullOutputStream())).as("a user out of reach").isZero();
        assertThat(exports.copyText(List.of(userIds.get(SIBLING_MANAGER)))).doesNotContain("dana@contoso.test");
        assertThat(users.references(List.of(userIds.get(SIBLING_MANAGER)))).isEmpty();
    }

    @Test
    void aUserWithRolesElsewhereLosesOnlyTheRolesTheCallerSees() {
        long leafManager = userIds.get(LEAF_MANAGER);
        jdbc.update("insert into role_assignment (user_id, role_id, organization_id) values (?, ?, ?)", leafManager,
                BuiltInRole.APP_OPERATOR.id().toString(), SIBLING.toString());
        SignIn.as(context, MIDDLE_MANAGER);
        assertThat(users.deleteUsers(List.of(leafManager), false)).isEqualTo(1);
        assertThat(jdbc.queryForList("select organization_id from role_assignment where user_id = ?", String.class,
                leafManager)).containsExactly(SIBLING.toString());

        SignIn.as(context, SIBLING_MANAGER);
        assertThat(users.deleteUsers(List.of(userIds.get(MIDDLE_MANAGER)), false)).as("out of reach").isZero();
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Long.class,
                userIds.get(MIDDLE_MANAGER))).isEqualTo(1);
    }

    @Test
    void alertRulesAndTheirAddressesAreSeenAndChangedWithinTheSubtree() {
        SignIn.as(context, SignIn.ADMIN);
        Map<UUID, Long> ruleIn = new LinkedHashMap<>();
        for (UUID organization : List.of(Scope.ROOT, MIDDLE, LEAF, SIBLING)) {
            ruleIn.put(organization, rules.save(rule("Scope rule " + organization, organization)).getId());
        }
        reach().forEach((caller, organizations) -> {
            SignIn.as(context, caller);
            assertThat(rules.listRules("Scope rule", 0, 50)).as(caller).extracting(RuleRow::id)
                    .containsExactlyInAnyOrderElementsOf(organizations.stream().map(ruleIn::get).toList());
            assertThat(rules.countRules("Scope rule")).isEqualTo(organizations.size());
            assertThat(rules.countRecipients("scope-shared@example.com")).isEqualTo(1);
            assertThat(rules.recipients("scope-shared@example.com", 0, 10).getFirst().rules()).as(caller)
                    .hasSize(organizations.size());
            ruleIn.forEach((organization, id) -> {
                if (!organizations.contains(organization)) {
                    assertThatThrownBy(() -> rules.rule(id)).as(caller).isInstanceOf(InvalidRuleException.class);
                    rules.setEnabled(List.of(id), false);
                    assertThat(rules.deleteRules(List.of(id))).isZero();
                    com.custodian.alerts.RuleForm elsewhere = rule("Scope rule new " + caller, organization);
                    assertThat(rules.problems(elsewhere)).containsKey("organization");
                }
            });
        });
        assertThat(jdbc.queryForObject("select count(*) from alert_rule where name like 'Scope rule %' and enabled",
                Long.class)).as("nothing outside anyone's reach changed").isEqualTo(4);

        SignIn.as(context, MIDDLE_MANAGER);
        assertThat(rules.rulesNaming(List.of("scope-shared@example.com"))).hasSize(2);
        assertThat(rules.replaceAddress("scope-shared@example.com", "scope-renamed@example.com")).isEqualTo(2);
        assertThat(rules.replaceAddress("scope-renamed@example.com", "scope-shared@example.com")).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from alert_recipient where email = 'scope-shared@example.com'",
                Long.class)).as("a replacement leaves the other organizations' rules as they were").isEqualTo(4);
        assertThat(rules.removeAddress("scope-shared@example.com")).isEqualTo(2);
        assertThat(rules.rulesOutOfReachCarrying("scope-shared@example.com")).as("the root's and the sibling's")
                .isEqualTo(2);
        assertThat(jdbc.queryForList("select r.organization_id from alert_recipient a join alert_rule r on r.id = "
                + "a.rule_id where a.email = 'scope-shared@example.com'", String.class))
                .containsExactlyInAnyOrder(Scope.ROOT.toString(), SIBLING.toString());

        // A rule of the leaf may watch only the leaf's devices.
        SignIn.as(context, LEAF_MANAGER);
        com.custodian.alerts.RuleForm watching = rule("Scope rule watching", LEAF);
        watching.setTargetKind(com.custodian.alerts.TargetKind.DEVICES);
        watching.setDeviceRefs(new java.util.LinkedHashSet<>(List.of(deviceIn.get(MIDDLE).id())));
        assertThat(rules.problems(watching)).containsKey("devices");
        watching.setDeviceRefs(new java.util.LinkedHashSet<>(List.of(deviceIn.get(LEAF).id())));
        assertThat(rules.save(watching).getId()).isNotNull();
    }

    private static com.custodian.alerts.RuleForm rule(String name, UUID organization) {
        com.custodian.alerts.RuleForm form = new com.custodian.alerts.RuleForm();
        form.setName(name);
        form.setOrganizationId(organization);
        form.setConditions(new java.util.ArrayList<>(List.of(com.custodian.alerts.RuleForm.ConditionForm.of(
                "temperature", com.custodian.alerts.Operator.GT, "1000"))));
        form.setRecipients("scope-shared@example.com");
        return form;
    }

    @Test
    void anOrganizationThatIsMissingOrUnknownIsRefusedAndNothingIsStored() {
        SignIn.as(context, SignIn.ADMIN);
        long users = jdbc.queryForObject("select count(*) from app_user", Long.class);
        long assignments = jdbc.queryForObject("select count(*) from role_assignment", Long.class);
        Set<UUID> operator = Set.of(BuiltInRole.APP_OPERATOR.id());
        for (UUID organization : java.util.Arrays.asList(null, UUID.randomUUID())) {
            assertThatThrownBy(() -> this.users.assignUserByEmail("lukas@contoso.test", organization, operator))
                    .isInstanceOf(UsersException.class).extracting(e -> ((UsersException) e).problem())
                    .isEqualTo(UsersProblem.ORGANIZATION_NOT_FOUND);
            assertThatThrownBy(() -> this.users.assignGroup(
                    com.custodian.directory.local.LocalDirectory.CONTOSO_OPERATORS.toString(), organization, operator))
                    .isInstanceOf(UsersException.class).extracting(e -> ((UsersException) e).problem())
                    .isEqualTo(UsersProblem.ORGANIZATION_NOT_FOUND);
            long leafManager = userIds.get(LEAF_MANAGER);
            assertThatThrownBy(() -> this.users.changeRoles(leafManager, 0, organization, operator, false))
                    .isInstanceOf(UsersException.class).extracting(e -> ((UsersException) e).problem())
                    .isEqualTo(UsersProblem.ORGANIZATION_NOT_FOUND);
            assertThatThrownBy(() -> devices.moveDevices(List.of(deviceIn.get(LEAF).id()), organization))
                    .isInstanceOf(DevicesException.class).extracting(e -> ((DevicesException) e).problem())
                    .isEqualTo(DevicesProblem.ORGANIZATION_NOT_FOUND);
            assertThatThrownBy(() -> devices.createDevice("scope-unknown", null, deviceIn.get(LEAF).templateId(),
                    organization)).isInstanceOf(DevicesException.class)
                    .extracting(e -> ((DevicesException) e).problem()).isEqualTo(DevicesProblem.ORGANIZATION_NOT_FOUND);
            assertThat(this.users.grantableRoles(organization)).isEmpty();
        }
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isEqualTo(users);
        assertThat(jdbc.queryForObject("select count(*) from role_assignment", Long.class)).isEqualTo(assignments);
        assertThat(jdbc.queryForObject("select organization_id from device where id = ?", String.class,
                deviceIn.get(LEAF).id())).isEqualTo(LEAF.toString());
    }

    @Test
    void permissionsOfTheWholeApplicationCountOnlyAtTheRoot() {
        SignIn.as(context, MIDDLE_MANAGER);
        assertThatThrownBy(() -> requests.count()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> audit.actions())
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> context.getBean(OrganizationsService.class).create(MIDDLE, "Scope Munich", null))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String what) {
        assertThatThrownBy(call).as(what).isInstanceOf(DevicesException.class)
                .extracting(e -> ((DevicesException) e).problem()).isEqualTo(DevicesProblem.DEVICE_NOT_FOUND);
    }
}
