package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.directory.DirectoryService;

/** {@code CUSTODIAN_BOOTSTRAP_ADMIN} gives a new deployment its first App Administrator, and only then. */
@SpringBootTest
class BootstrapAdministratorTest {

    @Autowired
    AppUserRepository users;
    @Autowired
    RoleRepository roles;
    @Autowired
    DirectoryService directory;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void addsTheAdministratorWhileTheApplicationHasNone() {
        UUID objectId = UUID.randomUUID();
        // Inside a transaction that is rolled back: the demo administrators are taken away, then restored.
        transactions.executeWithoutResult(status -> {
            users.findAll().forEach(user -> user.getRoles().removeIf(
                    role -> role.getId().equals(BuiltInRole.APP_ADMINISTRATOR.id())));
            users.flush();
            assertThat(users.countHolders(BuiltInRole.APP_ADMINISTRATOR.id())).isZero();

            bootstrap(objectId.toString()).run(new DefaultApplicationArguments());

            AppUser added = users.findWithPermissions(directory.tenantId(), objectId).orElseThrow();
            assertThat(added.getRoles()).extracting(Role::getId).containsExactly(BuiltInRole.APP_ADMINISTRATOR.id());
            status.setRollbackOnly();
        });
    }

    @Test
    void doesNothingWhileAnAdministratorExists() {
        UUID objectId = UUID.randomUUID();
        long before = users.count();
        bootstrap(objectId.toString()).run(new DefaultApplicationArguments());
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void refusesSomethingThatIsNoObjectId() {
        assertThatThrownBy(() -> bootstrap("admin@contoso.com"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUSTODIAN_BOOTSTRAP_ADMIN");
    }

    private BootstrapAdministrator bootstrap(String objectId) {
        return new BootstrapAdministrator(objectId, users, roles, directory, Clock.systemUTC());
    }
}
