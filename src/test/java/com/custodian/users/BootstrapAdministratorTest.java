package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
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
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void addsTheAdministratorWhileTheApplicationHasNone() {
        UUID objectId = UUID.randomUUID();
        // Inside a transaction that is rolled back: the demo administrators are taken away, then restored.
        transactions.executeWithoutResult(status -> {
            users.findAll().forEach(user -> user.getAssignments().removeIf(
                    assignment -> assignment.getRole().getId().equals(BuiltInRole.APP_ADMINISTRATOR.id())));
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
        transactions.executeWithoutResult(status ->
                bootstrap(objectId.toString()).run(new DefaultApplicationArguments()));
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void twoInstancesStartingAtOnceAddOneAdministratorAndBothStart() throws Exception {
        UUID objectId = UUID.randomUUID();
        String administrator = BuiltInRole.APP_ADMINISTRATOR.id().toString();
        List<Long> holders = jdbc.queryForList("select user_id from role_assignment where role_id = ?", Long.class,
                administrator);
        jdbc.update("delete from role_assignment where role_id = ?", administrator);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Callable<Void> start = () -> {
                together.await(10, TimeUnit.SECONDS);
                transactions.executeWithoutResult(status ->
                        bootstrap(objectId.toString()).run(new DefaultApplicationArguments()));
                return null;
            };
            Future<Void> first = instances.submit(start);
            Future<Void> second = instances.submit(start);
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);

            assertThat(jdbc.queryForObject("select count(*) from app_user where object_id = ?", Integer.class,
                    objectId.toString())).isEqualTo(1);
            assertThat(users.countHolders(BuiltInRole.APP_ADMINISTRATOR.id())).isEqualTo(1);
        } finally {
            instances.shutdownNow();
            jdbc.update("delete from role_assignment where role_id = ?", administrator);
            jdbc.update("delete from app_user where object_id = ?", objectId.toString());
            holders.forEach(user -> jdbc.update("insert into role_assignment (user_id, role_id) values (?, ?)", user,
                    administrator));
        }
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
