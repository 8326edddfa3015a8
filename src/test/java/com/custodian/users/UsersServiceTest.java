package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryStatus;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.security.GroupClaim;
import com.custodian.security.SignInAccess;
import com.custodian.testsupport.SignIn;

/** The users service on MariaDB: listing, sign-in bookkeeping, and refusal without permission. */
@SpringBootTest
class UsersServiceTest {

    @Autowired
    UsersService service;
    @Autowired
    SignInAccess signInAccess;
    @Autowired
    AppUserRepository users;
    @Autowired
    RoleRepository roles;
    @Autowired
    DirectoryService directory;
    @Autowired
    ApplicationContext context;
    @Autowired
    TransactionTemplate transactions;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        SignIn.out();
        users.deleteAllById(created);
    }

    @Test
    void listsUsersWithRolesAndDirectoryEntries() {
        SignIn.as(context, SignIn.ADMIN);
        List<UserRow> rows = service.listUsers(PageRequest.of(0, 50));
        UserRow admin = rows.stream().filter(row -> "admin@contoso.test".equals(row.email())).findFirst().orElseThrow();
        assertThat(admin.displayName()).isEqualTo("Adele Vance");
        assertThat(admin.type()).isEqualTo(DirectoryObjectType.PERSON);
        assertThat(admin.roles()).extracting(RoleSummary::name).containsExactly("App Administrator");
        assertThat(admin.directoryStatus()).isEqualTo(DirectoryStatus.FOUND);
        assertThat(admin.tenantId()).isEqualTo(directory.tenantId());
    }

    @Test
    void userUnknownToTheDirectoryIsListedAsNotInDirectory() {
        UUID stranger = UUID.randomUUID();
        created.add(addUser(stranger, BuiltInRole.APP_BUILDER, BuiltInRole.APP_OPERATOR));
        SignIn.as(context, SignIn.ADMIN);
        UserRow row = service.listUsers(PageRequest.of(0, 500)).stream()
                .filter(r -> r.objectId().equals(stranger)).findFirst().orElseThrow();
        assertThat(row.directoryStatus()).isEqualTo(DirectoryStatus.NOT_IN_DIRECTORY);
        assertThat(row.email()).isNull();
        assertThat(row.roles()).extracting(RoleSummary::name).containsExactly("App Builder", "App Operator");
    }

    @Test
    void sortsByTypeAndPagesWithoutRepeats() {
        SignIn.as(context, SignIn.ADMIN);
        List<UserRow> byTypeDesc = service.listUsers(PageRequest.of(0, 50, Sort.by(Sort.Order.desc("TYPE"))));
        assertThat(byTypeDesc.getFirst().type()).isEqualTo(DirectoryObjectType.SERVICE_PRINCIPAL);

        List<UserRow> all = service.listUsers(PageRequest.of(0, 500));
        List<UserRow> paged = new ArrayList<>();
        for (int page = 0; page * 2 < all.size(); page++) {
            paged.addAll(service.listUsers(PageRequest.of(page, 2)));
        }
        assertThat(paged).extracting(UserRow::id).containsExactlyElementsOf(all.stream().map(UserRow::id).toList());
    }

    @Test
    void refusesUnknownSortAndOversizedPages() {
        SignIn.as(context, SignIn.ADMIN);
        assertThatThrownBy(() -> service.listUsers(PageRequest.of(0, 10, Sort.by("objectId; drop table app_user"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be sorted");
        assertThatThrownBy(() -> service.listUsers(PageRequest.of(0, UsersService.MAX_PAGE_SIZE + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    @Test
    void refusesRolesWithoutTheUsersPermission() {
        SignIn.as(context, SignIn.BUILDER);
        assertThatThrownBy(() -> service.listUsers(PageRequest.of(0, 10))).isInstanceOf(AccessDeniedException.class);
        SignIn.as(context, SignIn.OPERATOR);
        assertThatThrownBy(() -> service.listUsers(PageRequest.of(0, 10))).isInstanceOf(AccessDeniedException.class);
        SignIn.as(context, SignIn.NO_ROLE);
        assertThatThrownBy(() -> service.listUsers(PageRequest.of(0, 10))).isInstanceOf(AccessDeniedException.class);
        SignIn.out();
        assertThatThrownBy(() -> service.listUsers(PageRequest.of(0, 10)))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void signInGrantsTheRolesPermissionsAndRecordsFirstAndLastSignIn() {
        UUID person = UUID.randomUUID();
        long id = addUser(person, BuiltInRole.APP_OPERATOR);
        created.add(id);
        Identity identity = new Identity(directory.tenantId(), person);

        assertThat(signInAccess.signIn(identity, GroupClaim.UNKNOWN).permissions())
                .containsExactlyInAnyOrder(Permission.VIEW_ALERT_RULES, Permission.VIEW_DEVICES, Permission.MANAGE_DEVICES,
                        Permission.DELETE_DEVICES);
        AppUser afterFirst = users.findById(id).orElseThrow();
        Instant first = afterFirst.getFirstSignInAt();
        assertThat(first).isNotNull();
        assertThat(afterFirst.getVersion()).as("signing in does not bump the version").isZero();

        signInAccess.signIn(identity, GroupClaim.UNKNOWN);
        AppUser afterSecond = users.findById(id).orElseThrow();
        assertThat(afterSecond.getFirstSignInAt()).isEqualTo(first);
        assertThat(afterSecond.getLastSignInAt()).isAfterOrEqualTo(first);
    }

    @Test
    void signInOfSomeoneWhoIsNoUserGrantsNothingAndStoresNothing() {
        long before = users.count();
        assertThat(signInAccess.signIn(new Identity(directory.tenantId(), UUID.randomUUID()), GroupClaim.UNKNOWN)
                .permissions()).isEmpty();
        assertThat(users.count()).isEqualTo(before);
    }

    private long addUser(UUID objectId, BuiltInRole... builtInRoles) {
        return transactions.execute(status -> {
            AppUser user = new AppUser(new Identity(directory.tenantId(), objectId), DirectoryObjectType.PERSON,
                    Instant.now(), null);
            for (BuiltInRole role : builtInRoles) {
                user.getAssignments().add(new RoleAssignment(roles.getReferenceById(role.id()), com.custodian.security.Scope.ROOT));
            }
            return users.save(user).getId();
        });
    }
}
