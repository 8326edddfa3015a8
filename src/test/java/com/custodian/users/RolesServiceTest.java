package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.testsupport.SignIn;

/** Custom roles on MariaDB: create, rename, permissions, delete, and every refusal. */
@SpringBootTest
class RolesServiceTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    RolesService roles;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;

    private final List<UUID> created = new ArrayList<>();
    private final List<Long> users = new ArrayList<>();

    @BeforeEach
    void signIn() {
        SignIn.as(context, SignIn.ADMIN);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        users.forEach(new TestUsers(context)::remove);
        created.forEach(id -> jdbc.update("delete from app_role where id = ?", id.toString()));
    }

    @Test
    void listsBuiltInRolesFirstWithTheirHolders() {
        List<RoleRow> list = roles.listRoles();
        assertThat(list.subList(0, 3)).allMatch(RoleRow::builtIn);
        RoleRow administrator = list.stream().filter(r -> r.id().equals(BuiltInRole.APP_ADMINISTRATOR.id())).findFirst()
                .orElseThrow();
        assertThat(administrator.permissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(administrator.holders()).isEqualTo(jdbc.queryForObject(
                "select count(*) from role_assignment where role_id = ?", Long.class, BuiltInRole.APP_ADMINISTRATOR.id().toString()));
    }

    @Test
    void createsRenamesAndDeletesACustomRole() {
        RoleRow role = create("Auditors", Set.of(Permission.VIEW_AUDIT_TRAIL));
        assertThat(role.builtIn()).isFalse();
        RoleRow renamed = roles.updateRole(role.id(), role.version(), "  Compliance auditors ",
                Set.of(Permission.VIEW_AUDIT_TRAIL, Permission.VIEW_DEVICES));
        assertThat(renamed.name()).isEqualTo("Compliance auditors");
        assertThat(renamed.permissions()).containsExactlyInAnyOrder(Permission.VIEW_AUDIT_TRAIL, Permission.VIEW_DEVICES);
        roles.deleteRole(role.id());
        assertThat(roles.listRoles()).noneMatch(r -> r.id().equals(role.id()));
    }

    @Test
    void refusesBadNamesDuplicatesAndEmptyPermissions() {
        RoleRow role = create("Device keepers", Set.of(Permission.MANAGE_DEVICES));
        int before = roles.listRoles().size();
        assertRefused(UsersProblem.ROLE_NAME_INVALID, () -> roles.createRole("   ", Set.of(Permission.VIEW_DEVICES)));
        assertRefused(UsersProblem.ROLE_NAME_INVALID, () -> roles.createRole("x".repeat(101), Set.of(Permission.VIEW_DEVICES)));
        assertRefused(UsersProblem.ROLE_NAME_INVALID, () -> roles.createRole("Bad\nname", Set.of(Permission.VIEW_DEVICES)));
        assertRefused(UsersProblem.ROLE_NAME_TAKEN, () -> roles.createRole("device KEEPERS", Set.of(Permission.VIEW_DEVICES)));
        assertRefused(UsersProblem.ROLE_NAME_TAKEN, () -> roles.createRole("App Administrator", Set.of(Permission.VIEW_DEVICES)));
        assertRefused(UsersProblem.ROLE_WITHOUT_PERMISSIONS, () -> roles.createRole("Nothing", Set.of()));
        assertRefused(UsersProblem.ROLE_WITHOUT_PERMISSIONS,
                () -> roles.updateRole(role.id(), role.version(), "Device keepers", Set.of()));
        assertThat(roles.listRoles()).hasSize(before);
    }

    @Test
    void builtInRolesAreFixed() {
        assertRefused(UsersProblem.ROLE_BUILT_IN, () -> roles.updateRole(BuiltInRole.APP_OPERATOR.id(), 0, "Operators",
                Set.of(Permission.VIEW_DEVICES)));
        assertRefused(UsersProblem.ROLE_BUILT_IN, () -> roles.deleteRole(BuiltInRole.APP_BUILDER.id()));
    }

    @Test
    void aRoleInUseIsNotDeleted() {
        RoleRow role = create("Watchers", Set.of(Permission.VIEW_ALERT_RULES));
        users.add(new TestUsers(context).addWithRole(new Identity(directory.tenantId(), UUID.randomUUID()), role.id()));
        assertRefused(UsersProblem.ROLE_IN_USE, () -> roles.deleteRole(role.id()));
        assertThat(roles.listRoles()).anyMatch(r -> r.id().equals(role.id()) && r.holders() == 1);
    }

    @Test
    void aStaleEditIsRefusedAndTheOtherEditKept() {
        RoleRow role = create("Editors", Set.of(Permission.VIEW_DEVICES));
        roles.updateRole(role.id(), role.version(), "Editors", Set.of(Permission.VIEW_DEVICES, Permission.MANAGE_DEVICES));
        assertRefused(UsersProblem.CONCURRENT_CHANGE,
                () -> roles.updateRole(role.id(), role.version(), "Editors", Set.of(Permission.VIEW_AUDIT_TRAIL)));
        assertThat(roles.listRoles()).filteredOn(r -> r.id().equals(role.id())).singleElement()
                .satisfies(r -> assertThat(r.permissions())
                        .containsExactlyInAnyOrder(Permission.VIEW_DEVICES, Permission.MANAGE_DEVICES));
    }

    @Test
    void takingUserManagementFromARoleTheCallerHoldsNeedsConfirmation() {
        RoleRow coAdmins = create("Co-admins", Set.of(Permission.MANAGE_USERS));
        Long admin = jdbc.queryForObject("select id from app_user where object_id = ?", Long.class,
                "0f8d2f4e-6c1b-4e0a-9a51-3b7c2d1e9a01");
        jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)", admin, coAdmins.id().toString());
        try {
            assertRefused(UsersProblem.SELF_NOT_CONFIRMED, () -> roles.updateRole(coAdmins.id(), coAdmins.version(),
                    "Co-admins", Set.of(Permission.VIEW_DEVICES), false));
            RoleRow changed = roles.updateRole(coAdmins.id(), coAdmins.version(), "Co-admins",
                    Set.of(Permission.VIEW_DEVICES), true);
            assertThat(changed.permissions()).containsExactly(Permission.VIEW_DEVICES);
        } finally {
            jdbc.update("delete from role_assignment where role_id = ?", coAdmins.id().toString());
        }
    }

    private RoleRow create(String name, Set<Permission> permissions) {
        RoleRow role = roles.createRole(name + " " + UUID.randomUUID().toString().substring(0, 4), permissions);
        created.add(role.id());
        return roles.updateRole(role.id(), role.version(), name, permissions);
    }

    private static void assertRefused(UsersProblem problem, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UsersException.class,
                refusal -> assertThat(refusal.problem()).isEqualTo(problem));
    }
}
