package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.local.LocalDirectory;
import com.custodian.security.GroupClaim;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.security.SignInAccess;
import com.custodian.testsupport.SignIn;

/**
 * Entra groups as application users, on MariaDB with the default run's directory (Dana is in
 * Contoso Operators, which is inside Contoso Privacy Team): assigning, access through membership
 * (nested groups too), the token's word over the directory's, sign-in records, the group's page,
 * deletion, the last-administrator guard, and who may do it.
 */
@SpringBootTest
class GroupsTest {

    static final UUID DANA = UUID.fromString("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04");
    static final UUID ERIN = UUID.fromString("4d4f6e8a-1a5c-4e4f-9b95-7f1a6b5c3e05");

    @Autowired
    UsersService service;
    @Autowired
    SignInAccess signInAccess;
    @Autowired
    UserAccounts accounts;
    @Autowired
    DirectoryService directory;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> created = new ArrayList<>();
    private Identity dana;

    @BeforeEach
    void setUp() {
        dana = new Identity(directory.tenantId(), DANA);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        created.forEach(new TestUsers(context)::remove);
    }

    @Test
    void anAdministratorAssignsAGroupByObjectIdAndItIsListedWithItsNameAndMemberCount() {
        SignIn.as(context, SignIn.ADMIN);
        long auditBefore = audit("group.assigned");
        UserRow row = service.assignGroup(LocalDirectory.CONTOSO_OPERATORS.toString(),
                Set.of(BuiltInRole.APP_OPERATOR.id()));
        created.add(row.id());

        assertThat(row.type()).isEqualTo(DirectoryObjectType.GROUP);
        assertThat(row.displayName()).isEqualTo("Contoso Operators");
        assertThat(row.memberCount()).isEqualTo(1);
        assertThat(audit("group.assigned")).isEqualTo(auditBefore + 1);
        UserRow listed = service.listUsers(org.springframework.data.domain.PageRequest.of(0, 500)).stream()
                .filter(r -> r.id() == row.id()).findFirst().orElseThrow();
        assertThat(listed.memberCount()).isEqualTo(1);
        assertThat(listed.roles()).extracting(RoleSummary::id).containsExactly(BuiltInRole.APP_OPERATOR.id());
        assertThat(service.findGroups("contoso op")).extracting(e -> e.objectId())
                .containsExactly(LocalDirectory.CONTOSO_OPERATORS);
    }

    @Test
    void aPageAndAnExportWithGroupsCostWhatThePageCostWithoutThem() throws Exception {
        created.add(new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR));
        created.add(new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.PRIVACY_TEAM), BuiltInRole.APP_BUILDER));
        SignIn.as(context, SignIn.ADMIN);
        var statistics = context.getBean(jakarta.persistence.EntityManagerFactory.class)
                .unwrap(org.hibernate.SessionFactory.class).getStatistics();
        statistics.clear();
        List<UserRow> page = service.listUsers(org.springframework.data.domain.PageRequest.of(0, 50,
                org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Order.desc("TYPE"))));
        assertThat(statistics.getPrepareStatementCount()).isBetween(1L, 2L);
        assertThat(page).filteredOn(UserRow::isGroup).extracting(UserRow::displayName)
                .contains("Contoso Operators", "Contoso Privacy Team");
        assertThat(page).filteredOn(UserRow::isGroup).extracting(UserRow::memberCount).containsOnly(1);

        var out = new java.io.ByteArrayOutputStream();
        context.getBean(UserExportService.class).exportAll(com.custodian.base.export.ExportFormat.CSV, out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).startsWith(LocalDirectory.CONTOSO_OPERATORS + ",")
                        .contains(",GROUP,", "Contoso Operators", "App Operator"));
    }

    @Test
    void onlyGroupsAreAssignedAsGroupsAndRefusalsStoreNothing() {
        SignIn.as(context, SignIn.ADMIN);
        long before = count();
        assertThatThrownBy(() -> service.assignGroup(DANA.toString(), Set.of(BuiltInRole.APP_OPERATOR.id())))
                .isInstanceOfSatisfying(UsersException.class,
                        e -> assertThat(e.problem()).isEqualTo(UsersProblem.NOT_A_GROUP));
        assertThatThrownBy(() -> service.assignGroup(UUID.randomUUID().toString(), Set.of(BuiltInRole.APP_OPERATOR.id())))
                .isInstanceOfSatisfying(UsersException.class,
                        e -> assertThat(e.problem()).isEqualTo(UsersProblem.NOT_IN_DIRECTORY));
        assertThatThrownBy(() -> service.assignGroup("Contoso Operators", Set.of(BuiltInRole.APP_OPERATOR.id())))
                .isInstanceOfSatisfying(UsersException.class,
                        e -> assertThat(e.problem()).isEqualTo(UsersProblem.OBJECT_ID_INVALID));
        assertThatThrownBy(() -> service.findGroups("c")).isInstanceOfSatisfying(UsersException.class,
                e -> assertThat(e.problem()).isEqualTo(UsersProblem.GROUP_NAME_TOO_SHORT));
        long group = new TestUsers(context).addGroup(new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS),
                BuiltInRole.APP_BUILDER);
        created.add(group);
        assertThatThrownBy(() -> service.assignGroup(LocalDirectory.CONTOSO_OPERATORS.toString(),
                Set.of(BuiltInRole.APP_OPERATOR.id()))).isInstanceOfSatisfying(UsersException.class,
                        e -> assertThat(e.problem()).isEqualTo(UsersProblem.ALREADY_USER));
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void onlyThoseWhoManageUsersMayAssignOrSeeGroups() {
        SignIn.as(context, SignIn.OPERATOR);
        assertThatThrownBy(() -> service.assignGroup(LocalDirectory.CONTOSO_OPERATORS.toString(),
                Set.of(BuiltInRole.APP_OPERATOR.id()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.findGroups("Contoso")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.group(1)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aMemberSignsInWithTheGroupsRolesAndIsRecordedAsSignedInThroughIt() {
        long group = new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR);
        created.add(group);
        long firstSignIns = audit("sign-in.through-group");

        var access = signInAccess.signIn(dana, GroupClaim.UNKNOWN);
        assertThat(access.permissions()).contains(Permission.VIEW_DEVICES).doesNotContain(Permission.MANAGE_USERS);
        assertThat(access.groupsUnchecked()).isFalse();
        signInAccess.signIn(dana, GroupClaim.UNKNOWN);

        assertThat(new TestUsers(context).signedInThroughGroups(dana)).containsExactly(LocalDirectory.CONTOSO_OPERATORS);
        assertThat(audit("sign-in.through-group")).as("each sign-in names the group that let her in")
                .isEqualTo(firstSignIns + 2);
        assertThat(accounts.accounts(directory.tenantId(), List.of(DANA)).get(DANA).signedIn())
                .as("a current, signed-in user for alert emails").isTrue();
        assertThat(signInAccess.grants(dana).grants()).singleElement().satisfies(grant -> {
            assertThat(grant.group()).isEqualTo(LocalDirectory.CONTOSO_OPERATORS);
            assertThat(grant.permissions()).contains(Permission.VIEW_DEVICES);
        });

        SignIn.as(context, SignIn.ADMIN);
        GroupDetail detail = service.group(group);
        assertThat(detail.signedIn()).isEqualTo(1);
        assertThat(detail.members()).singleElement().satisfies(member -> {
            assertThat(member.objectId()).isEqualTo(DANA);
            assertThat(member.email()).isEqualTo("dana@contoso.test");
        });
        assertThat(detail.group().memberCount()).isEqualTo(1);
    }

    @Test
    void nestedGroupsCountAndEveryAssignedGroupAddsItsRoles() {
        created.add(new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.PRIVACY_TEAM), BuiltInRole.APP_BUILDER));
        assertThat(signInAccess.signIn(dana, GroupClaim.UNKNOWN).permissions())
                .as("Dana is in the privacy team through the operators").contains(Permission.MANAGE_ALERT_RULES);
        created.add(new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR));
        assertThat(signInAccess.currentAccess(dana).permissions())
                .contains(Permission.MANAGE_ALERT_RULES, Permission.DELETE_DEVICES);
        assertThat(signInAccess.currentAccess(new Identity(directory.tenantId(), ERIN)).permissions())
                .as("not a member").isEmpty();
    }

    @Test
    void theTokensGroupsClaimIsBelievedOverTheDirectory() {
        created.add(new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR));
        Identity erin = new Identity(directory.tenantId(), ERIN);
        assertThat(signInAccess.signIn(erin, GroupClaim.of(Set.of(LocalDirectory.CONTOSO_OPERATORS, UUID.randomUUID())))
                .permissions()).contains(Permission.VIEW_DEVICES);
        assertThat(signInAccess.signIn(dana, GroupClaim.of(Set.of())).permissions())
                .as("the token lists her groups, and this one is not among them").isEmpty();
        assertThat(new TestUsers(context).signedInThroughGroups(dana)).isEmpty();
    }

    @Test
    void theNightlyCheckForgetsThoseWhoLeftTheGroupAndKeepsItsMembers() {
        long group = new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR);
        created.add(group);
        signInAccess.signIn(dana, GroupClaim.UNKNOWN);
        // Erin signed in through the group once (her token said so) and has left it since.
        Identity erin = new Identity(directory.tenantId(), ERIN);
        signInAccess.signIn(erin, GroupClaim.of(Set.of(LocalDirectory.CONTOSO_OPERATORS)));
        assertThat(new TestUsers(context).signedInThroughGroups(erin)).containsExactly(LocalDirectory.CONTOSO_OPERATORS);

        assertThat(context.getBean(GroupSignInCheck.class).check()).isEqualTo(1);

        assertThat(new TestUsers(context).signedInThroughGroups(erin)).isEmpty();
        assertThat(new TestUsers(context).signedInThroughGroups(dana)).containsExactly(LocalDirectory.CONTOSO_OPERATORS);
        assertThat(jdbc.queryForObject("select count(*) from system_log where event = 'group-sign-ins.checked'",
                Long.class)).isPositive();
    }

    @Test
    void removingTheGroupTakesItsRolesAndItsSignInRecordsAway() {
        long group = new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR);
        signInAccess.signIn(dana, GroupClaim.UNKNOWN);
        SignIn.as(context, SignIn.ADMIN);
        long deletions = audit("group.deleted");
        assertThat(service.deleteUsers(List.of(group), false)).isEqualTo(1);

        assertThat(audit("group.deleted")).isEqualTo(deletions + 1);
        assertThat(signInAccess.currentAccess(dana).permissions()).isEmpty();
        assertThat(new TestUsers(context).signedInThroughGroups(dana)).isEmpty();
        assertThat(accounts.accounts(directory.tenantId(), List.of(DANA))).isEmpty();
    }

    @Test
    void aGroupHoldingAppAdministratorDoesNotCountAsTheLastAdministrator() {
        created.add(new TestUsers(context).addGroup(
                new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_ADMINISTRATOR));
        SignIn.as(context, SignIn.ADMIN);
        long directAdministrators = jdbc.queryForObject("select count(*) from role_assignment ra join app_user u "
                + "on ra.user_id = u.id where ra.role_id = ? and u.principal_type = 'PERSON'", Long.class,
                BuiltInRole.APP_ADMINISTRATOR.id().toString());
        assertThat(directAdministrators).as("the demo data has one direct administrator").isEqualTo(1);
        UserRow admin = service.listUsers(org.springframework.data.domain.PageRequest.of(0, 500)).stream()
                .filter(row -> "admin@contoso.test".equals(row.email())).findFirst().orElseThrow();
        assertThatThrownBy(() -> service.changeRoles(admin.id(), admin.version(), Set.of(BuiltInRole.APP_OPERATOR.id()),
                true)).isInstanceOfSatisfying(UsersException.class,
                        e -> assertThat(e.problem()).isEqualTo(UsersProblem.LAST_ADMINISTRATOR));
    }

    @Test
    void aGroupsPageOfAnotherKindOfUserIsNotFound() {
        SignIn.as(context, SignIn.ADMIN);
        UserRow admin = service.listUsers(org.springframework.data.domain.PageRequest.of(0, 500)).stream()
                .filter(row -> "admin@contoso.test".equals(row.email())).findFirst().orElseThrow();
        assertThatThrownBy(() -> service.group(admin.id())).isInstanceOfSatisfying(UsersException.class,
                e -> assertThat(e.problem()).isEqualTo(UsersProblem.USER_NOT_FOUND));
        assertThatThrownBy(() -> service.group(-1)).isInstanceOfSatisfying(UsersException.class,
                e -> assertThat(e.problem()).isEqualTo(UsersProblem.USER_NOT_FOUND));
    }

    private long audit(String action) {
        return jdbc.queryForObject("select count(*) from audit_entry where action = ?", Long.class, action);
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from app_user", Long.class);
    }
}
