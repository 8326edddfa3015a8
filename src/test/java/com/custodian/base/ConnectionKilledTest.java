package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestStatus;
import com.custodian.requests.RequestType;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;
import com.custodian.testsupport.TestDatabase;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.custodian.users.UsersService;

/**
 * MariaDB kills the application's connection ({@code KILL CONNECTION}, as a failover or an
 * operator would) in the middle of a change, after its statements ran and before it commits: nothing
 * of the change stays, no audit entry claims it, and the same change succeeds at once on a fresh
 * connection, without a restart.
 */
@SpringBootTest
class ConnectionKilledTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    UsersService users;
    @Autowired
    DataRequestsService requests;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    private final List<Long> added = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from data_request");
        added.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
    }

    @Test
    void aUserDeletionCutOffBeforeItsCommitLeavesTheUserAndTheNextAttemptWorks() {
        long erin = erin();
        SignIn.as(context, SignIn.ADMIN);
        long entriesBefore = auditEntries("user.deleted");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            assertThat(users.deleteUsers(List.of(erin), false)).isEqualTo(1);
            killOwnConnection();
        })).isInstanceOf(RuntimeException.class);

        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, erin)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from role_assignment where user_id = ?", Integer.class, erin))
                .isEqualTo(1);
        assertThat(auditEntries("user.deleted")).as("no entry for a change that did not happen").isEqualTo(entriesBefore);

        assertThat(users.deleteUsers(List.of(erin), false)).as("the next attempt, on a fresh connection").isEqualTo(1);
        added.clear();
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, erin)).isZero();
        assertThat(auditEntries("user.deleted")).isEqualTo(entriesBefore + 1);
    }

    @Test
    void anErasureCutOffBeforeItsCommitLeavesEverythingAndTheNextAttemptWorks() {
        long erin = erin();
        SignIn.as(context, SignIn.ADMIN);
        RuleForm rule = new RuleForm();
        rule.setName("Killed connection rule");
        rule.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        rule.setRecipients("erin@contoso.test");
        rules.save(rule);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            requests.erase(request.id(), request.version());
            killOwnConnection();
        })).isInstanceOf(RuntimeException.class);

        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, erin)).isEqualTo(1);
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("erin@contoso.test");
        RequestRow after = requests.request(request.id());
        assertThat(after.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(after.subject()).isEqualTo("erin@contoso.test");

        RequestRow erased = requests.erase(after.id(), after.version());
        added.clear();
        assertThat(erased.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, erin)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from alert_recipient", Integer.class)).isZero();
    }

    private long erin() {
        UUID objectId = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        long id = new TestUsers(context).add(new Identity(directory.tenantId(), objectId), BuiltInRole.APP_OPERATOR);
        added.add(id);
        return id;
    }

    /** From another connection, as the server's operator would: the transaction's own connection dies. */
    private void killOwnConnection() {
        long own = jdbc.queryForObject("select connection_id()", Long.class);
        try (Connection other = TestDatabase.connect(); Statement statement = other.createStatement()) {
            statement.execute("kill connection " + own);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long auditEntries(String action) {
        return jdbc.queryForObject("select count(*) from audit_entry where action = ?", Long.class, action);
    }
}
