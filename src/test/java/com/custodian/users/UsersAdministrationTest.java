package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import com.custodian.base.export.ExportFormat;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.testsupport.SignIn;

import jakarta.persistence.EntityManagerFactory;

/**
 * The users service on MariaDB: every rule of assigning, changing and deleting, every refusal, and
 * what those cost.
 */
@SpringBootTest
@RecordApplicationEvents
class UsersAdministrationTest {

    static final String DANA = "dana@contoso.test";
    static final UUID TELEMETRY_EXPORTER = UUID.fromString("8b1d9c2e-5f3a-4b7c-8d9e-0a1b2c3d4e09");
    static final UUID ADMIN_OBJECT_ID = UUID.fromString("0f8d2f4e-6c1b-4e0a-9a51-3b7c2d1e9a01");

    @Autowired
    ApplicationContext context;
    @Autowired
    UsersService users;
    @Autowired
    RolesService roles;
    @Autowired
    UserExportService exports;
    @Autowired
    AppUserRepository repository;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    ApplicationEvents events;

    private TestUsers testUsers;
    private final List<Long> added = new ArrayList<>();
    private final List<UUID> addedRoles = new ArrayList<>();
    private long usersBefore;

    @BeforeEach
    void signInAdministrator() {
        testUsers = new TestUsers(context);
        usersBefore = repository.count();
        SignIn.as(context, SignIn.ADMIN);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        added.forEach(id -> repository.deleteById(id));
        jdbc.update("delete from app_user where object_id in (?, ?)", objectIdOf(DANA).toString(),
                TELEMETRY_EXPORTER.toString());
        jdbc.update("delete from app_user where object_id = ?", objectIdOf("erin@contoso.test").toString());
        addedRoles.forEach(id -> jdbc.update("delete from app_role where id = ?", id.toString()));
        assertThat(repository.count()).as("the test left the users as it found them").isEqualTo(usersBefore);
    }

    // --- Assigning ---------------------------------------------------------------------------

    @Test
    void assignsAPersonByEmailWithTheirRolesAndWhoAddedThem() {
        UserRow row = users.assignUserByEmail("  Dana@Contoso.TEST ", Set.of(BuiltInRole.APP_OPERATOR.id()));
        assertThat(row.email()).isEqualTo(DANA);
        assertThat(row.type()).isEqualTo(DirectoryObjectType.PERSON);
        assertThat(row.roles()).extracting(RoleSummary::id).containsExactly(BuiltInRole.APP_OPERATOR.id());
        assertThat(row.addedBy()).isEqualTo(ADMIN_OBJECT_ID);
        assertThat(row.firstSignInAt()).isNull();
        assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_schema = "
                + "database() and table_name = 'app_user'", String.class))
                .as("no email or name is stored").noneMatch(column -> column.contains("mail") || column.contains("name"));
    }

    @Test
    void refusesBadEmailAddressesAndStoresNothing() {
        for (String bad : List.of("", "   ", "not-an-email", "a@b", "two@@contoso.test", "dana@contoso.test\r\nBcc: x@y.z",
                "x".repeat(250) + "@c.test")) {
            assertRefused(UsersProblem.EMAIL_INVALID, () -> users.assignUserByEmail(bad, Set.of(BuiltInRole.APP_OPERATOR.id())));
        }
        assertThat(repository.count()).isEqualTo(usersBefore);
    }

    @Test
    void refusesSomeoneTheDirectoryDoesNotHave() {
        assertRefused(UsersProblem.NOBODY_WITH_EMAIL,
                () -> users.assignUserByEmail("nobody@contoso.test", Set.of(BuiltInRole.APP_OPERATOR.id())));
        assertThat(repository.count()).isEqualTo(usersBefore);
    }

    @Test
    void refusesSomeoneWhoIsAlreadyAUser() {
        assertRefused(UsersProblem.ALREADY_USER,
                () -> users.assignUserByEmail("operator@contoso.test", Set.of(BuiltInRole.APP_BUILDER.id())));
    }

    @Test
    void refusesAnAssignmentWithoutRolesOrWithAnUnknownRole() {
        assertRefused(UsersProblem.NO_ROLES, () -> users.assignUserByEmail(DANA, Set.of()));
        assertRefused(UsersProblem.ROLE_NOT_FOUND, () -> users.assignUserByEmail(DANA, Set.of(UUID.randomUUID())));
        assertThat(repository.count()).isEqualTo(usersBefore);
    }

    @Test
    void assignsAServicePrincipalByObjectIdAndRefusesWhatIsNotOne() {
        UserRow row = users.assignServicePrincipal(" " + TELEMETRY_EXPORTER + " ", Set.of(BuiltInRole.APP_OPERATOR.id()));
        assertThat(row.type()).isEqualTo(DirectoryObjectType.SERVICE_PRINCIPAL);
        assertThat(row.displayName()).isEqualTo("Telemetry exporter");

        assertRefused(UsersProblem.ALREADY_USER,
                () -> users.assignServicePrincipal(TELEMETRY_EXPORTER.toString(), Set.of(BuiltInRole.APP_OPERATOR.id())));
        assertRefused(UsersProblem.OBJECT_ID_INVALID,
                () -> users.assignServicePrincipal("telemetry exporter", Set.of(BuiltInRole.APP_OPERATOR.id())));
        assertRefused(UsersProblem.NOT_IN_DIRECTORY,
                () -> users.assignServicePrincipal(UUID.randomUUID().toString(), Set.of(BuiltInRole.APP_OPERATOR.id())));
        assertRefused(UsersProblem.NOT_A_SERVICE_PRINCIPAL,
                () -> users.assignServicePrincipal(objectIdOf(DANA).toString(), Set.of(BuiltInRole.APP_OPERATOR.id())));
    }

    // --- Changing roles ----------------------------------------------------------------------

    @Test
    void changesRolesInPlace() {
        long id = add(BuiltInRole.APP_OPERATOR);
        UserRow before = users.user(id);
        UserRow after = users.changeRoles(id, before.version(),
                Set.of(BuiltInRole.APP_BUILDER.id(), BuiltInRole.APP_OPERATOR.id()), false);
        assertThat(after.roles()).extracting(RoleSummary::id)
                .containsExactlyInAnyOrder(BuiltInRole.APP_BUILDER.id(), BuiltInRole.APP_OPERATOR.id());
        assertThat(after.version()).isGreaterThan(before.version());
        assertThat(after.id()).as("the same user, not deleted and re-added").isEqualTo(id);
    }

    @Test
    void aChangeBasedOnAStaleViewIsRefusedAndTheOtherChangeKept() {
        long id = add(BuiltInRole.APP_OPERATOR);
        UserRow seenByBoth = users.user(id);
        users.changeRoles(id, seenByBoth.version(), Set.of(BuiltInRole.APP_BUILDER.id()), false);

        assertRefused(UsersProblem.CONCURRENT_CHANGE,
                () -> users.changeRoles(id, seenByBoth.version(), Set.of(BuiltInRole.APP_ADMINISTRATOR.id()), false));
        assertThat(users.user(id).roles()).extracting(RoleSummary::id).containsExactly(BuiltInRole.APP_BUILDER.id());
    }

    @Test
    void changingOwnRolesNeedsConfirmationAndTheLastAdministratorKeepsTheirs() {
        UserRow me = users.listUsers(new UserQuery("admin@contoso.test", null), org.springframework.data.domain.Pageable.ofSize(10))
                .getFirst();
        assertRefused(UsersProblem.SELF_NOT_CONFIRMED,
                () -> users.changeRoles(me.id(), me.version(), Set.of(BuiltInRole.APP_OPERATOR.id()), false));
        assertRefused(UsersProblem.LAST_ADMINISTRATOR,
                () -> users.changeRoles(me.id(), me.version(), Set.of(BuiltInRole.APP_OPERATOR.id()), true));
        assertThat(users.user(me.id()).roles()).extracting(RoleSummary::id)
                .containsExactly(BuiltInRole.APP_ADMINISTRATOR.id());
    }

    @Test
    void aServicePrincipalAdministratorDoesNotCountAsTheLastAdministrator() {
        // The demo's "Privacy automation" service principal holds App Administrator; it cannot sign in.
        UserRow me = users.listUsers(new UserQuery("admin@contoso.test", null), org.springframework.data.domain.Pageable.ofSize(10))
                .getFirst();
        assertRefused(UsersProblem.LAST_ADMINISTRATOR, () -> users.deleteUsers(List.of(me.id()), true));
    }

    @Test
    void withASecondAdministratorAnAdministratorMayStepDown() {
        long other = add(BuiltInRole.APP_ADMINISTRATOR);
        UserRow me = users.listUsers(new UserQuery("admin@contoso.test", null), org.springframework.data.domain.Pageable.ofSize(10))
                .getFirst();
        users.changeRoles(me.id(), me.version(), Set.of(BuiltInRole.APP_OPERATOR.id()), true);
        // Put things back, as the other administrator would.
        SignIn.out();
        jdbc.update("update role_assignment set role_id = ? where user_id = ?", BuiltInRole.APP_ADMINISTRATOR.id().toString(),
                me.id());
        assertThat(other).isPositive();
    }

    // --- Deleting ----------------------------------------------------------------------------

    @Test
    void deletesSeveralUsersAndTellsOtherFeatures() {
        long one = add(BuiltInRole.APP_OPERATOR);
        long two = add(BuiltInRole.APP_BUILDER);
        Identity first = identityOf(one);

        assertThat(users.deleteUsers(List.of(one, two), false)).isEqualTo(2);

        assertThat(repository.findAllById(List.of(one, two))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from role_assignment where user_id in (?, ?)", Integer.class,
                one, two)).isZero();
        assertThat(events.stream(UsersRemoved.class)).singleElement()
                .satisfies(removed -> assertThat(removed.identities()).hasSize(2).contains(first));
        added.removeAll(List.of(one, two));
    }

    @Test
    void deletingTheLastAdministratorAmongOthersDeletesNobody() {
        long operator = add(BuiltInRole.APP_OPERATOR);
        UserRow me = users.listUsers(new UserQuery("admin@contoso.test", null), org.springframework.data.domain.Pageable.ofSize(10))
                .getFirst();
        assertRefused(UsersProblem.SELF_NOT_CONFIRMED, () -> users.deleteUsers(List.of(operator, me.id()), false));
        assertRefused(UsersProblem.LAST_ADMINISTRATOR, () -> users.deleteUsers(List.of(operator, me.id()), true));
        assertThat(repository.findById(operator)).isPresent();
        assertThat(events.stream(UsersRemoved.class)).isEmpty();
    }

    @Test
    void deletingCostsTheSameNumberOfStatementsForTenUsersAsForFiveHundred() {
        long forTen = statementsToDelete(10);
        long forFiveHundred = statementsToDelete(500);
        assertThat(forFiveHundred).as("statements to delete 500 users (10 took %d)", forTen).isEqualTo(forTen);
        assertThat(forTen).isLessThanOrEqualTo(10);
    }

    private long statementsToDelete(int count) {
        List<Long> ids = IntStream.range(0, count).mapToObj(i -> testUsers.add(new Identity(directory.tenantId(),
                UUID.randomUUID()), BuiltInRole.APP_OPERATOR, BuiltInRole.APP_BUILDER)).toList();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        assertThat(users.deleteUsers(ids, false)).isEqualTo(count);
        return statistics.getPrepareStatementCount();
    }

    // --- Who may do what -----------------------------------------------------------------------

    @Test
    void aUserManagerMayOnlyGrantRolesWithinTheirOwnPermissions() {
        RoleRow userManagers = roles.createRole("User managers " + UUID.randomUUID().toString().substring(0, 6),
                Set.of(Permission.MANAGE_USERS));
        addedRoles.add(userManagers.id());
        UUID erin = objectIdOf("erin@contoso.test");
        added.add(testUsers.addWithRole(new Identity(directory.tenantId(), erin), userManagers.id()));
        long administrator = add(BuiltInRole.APP_ADMINISTRATOR);
        SignIn.as(context, "erin@contoso.test");

        assertRefused(UsersProblem.ROLE_NOT_GRANTABLE,
                () -> users.assignUserByEmail(DANA, Set.of(BuiltInRole.APP_ADMINISTRATOR.id())));
        assertRefused(UsersProblem.ROLE_NOT_GRANTABLE,
                () -> users.assignUserByEmail(DANA, Set.of(BuiltInRole.APP_OPERATOR.id())));
        assertRefused(UsersProblem.ROLE_NOT_GRANTABLE, () -> users.deleteUsers(List.of(administrator), false));
        assertRefused(UsersProblem.ROLE_NOT_GRANTABLE,
                () -> roles.createRole("Device keepers", Set.of(Permission.MANAGE_DEVICES)));
        assertThat(users.grantableRoles(com.custodian.security.Scope.ROOT)).extracting(RoleSummary::id).containsExactly(userManagers.id());
        UserRow dana = users.assignUserByEmail(DANA, Set.of(userManagers.id()));
        assertThat(dana.roles()).extracting(RoleSummary::id).containsExactly(userManagers.id());
    }

    @Test
    void everyServiceRefusesRolesWithoutTheUsersPermission() {
        for (String email : List.of(SignIn.BUILDER, SignIn.OPERATOR, SignIn.NO_ROLE)) {
            SignIn.as(context, email);
            List<ThrowingCallable> calls = List.of(
                    () -> users.listUsers(org.springframework.data.domain.Pageable.ofSize(10)),
                    () -> users.user(1),
                    () -> users.grantableRoles(com.custodian.security.Scope.ROOT),
                    () -> users.assignUserByEmail(DANA, Set.of(BuiltInRole.APP_OPERATOR.id())),
                    () -> users.assignServicePrincipal(TELEMETRY_EXPORTER.toString(), Set.of(BuiltInRole.APP_OPERATOR.id())),
                    () -> users.lookUp(TELEMETRY_EXPORTER.toString()),
                    () -> users.changeRoles(1, 0, Set.of(BuiltInRole.APP_ADMINISTRATOR.id()), true),
                    () -> users.deleteUsers(List.of(1L), true),
                    () -> exports.export(ExportFormat.CSV, List.of(1L), java.io.OutputStream.nullOutputStream()),
                    () -> exports.exportAll(ExportFormat.JSON, java.io.OutputStream.nullOutputStream()),
                    () -> exports.copyText(List.of()),
                    () -> roles.listRoles(),
                    () -> roles.createRole("Sneaky", Set.of(Permission.MANAGE_USERS)),
                    () -> roles.updateRole(BuiltInRole.APP_OPERATOR.id(), 0, "Sneaky", Set.of(Permission.MANAGE_USERS)),
                    () -> roles.updateRole(BuiltInRole.APP_OPERATOR.id(), 0, "Sneaky", Set.of(Permission.MANAGE_USERS), true),
                    () -> roles.deleteRole(BuiltInRole.APP_OPERATOR.id()));
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call).as(email).isInstanceOf(AccessDeniedException.class);
            }
        }
        assertThat(repository.count()).isEqualTo(usersBefore);
    }

    // --- Helpers -----------------------------------------------------------------------------

    private long add(BuiltInRole role) {
        long id = testUsers.add(new Identity(directory.tenantId(), UUID.randomUUID()), role);
        added.add(id);
        return id;
    }

    private Identity identityOf(long id) {
        AppUser user = repository.findById(id).orElseThrow();
        return new Identity(user.getTenantId(), user.getObjectId());
    }

    private UUID objectIdOf(String email) {
        return directory.findPeopleByEmail(email).getFirst().objectId();
    }

    private static void assertRefused(UsersProblem problem, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UsersException.class,
                refusal -> assertThat(refusal.problem()).isEqualTo(problem));
    }
}
