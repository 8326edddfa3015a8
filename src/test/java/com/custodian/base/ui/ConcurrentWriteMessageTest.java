package com.custodian.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

import com.custodian.testsupport.TestDatabase;

/**
 * A change that lost to another written at the same moment is told as such, not as an unexpected
 * error: a real deadlock on MariaDB, reported with the error a Galera cluster also gives a commit
 * that lost certification (1213), as Spring translates it for the services.
 */
class ConcurrentWriteMessageTest {

    @Test
    void aTransactionThatLostADeadlockIsToldAsAConcurrentWrite() throws Exception {
        SQLException lost = deadlock();
        assertThat(lost.getErrorCode()).isEqualTo(1213);
        DataAccessException translated = new SQLErrorCodeSQLExceptionTranslator("MariaDB").translate("update", null,
                lost);
        assertThat(translated).isInstanceOf(org.springframework.dao.PessimisticLockingFailureException.class);
        assertThat(MainErrorHandler.messageKey(new IllegalStateException("in a view", translated)))
                .isEqualTo(MainErrorHandler.CONCURRENT_WRITE);
        assertThat(MainErrorHandler.messageKey(lost)).isEqualTo(MainErrorHandler.CONCURRENT_WRITE);
        assertThat(MainErrorHandler.messageKey(new IllegalStateException("anything else"))).isEqualTo("error.unexpected");
    }

    /** Two transactions taking two rows in opposite orders: MariaDB rolls one back. */
    private static SQLException deadlock() throws Exception {
        try (Connection setup = TestDatabase.connect(); Statement statement = setup.createStatement()) {
            statement.execute("create table if not exists deadlock_probe (id int primary key, v int)");
            statement.execute("replace into deadlock_probe values (1, 0), (2, 0)");
        }
        try (Connection first = TestDatabase.connect(); Connection second = TestDatabase.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().executeUpdate("update deadlock_probe set v = v + 1 where id = 1");
            second.createStatement().executeUpdate("update deadlock_probe set v = v + 1 where id = 2");
            CompletableFuture<SQLException> firstWaits = CompletableFuture.supplyAsync(() -> {
                try {
                    first.createStatement().executeUpdate("update deadlock_probe set v = v + 1 where id = 2");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            SQLException secondLost = null;
            try {
                second.createStatement().executeUpdate("update deadlock_probe set v = v + 1 where id = 1");
            } catch (SQLException e) {
                secondLost = e;
            }
            SQLException firstLost = firstWaits.get(30, TimeUnit.SECONDS);
            first.rollback();
            second.rollback();
            return secondLost != null ? secondLost : firstLost;
        } finally {
            try (Connection cleanup = TestDatabase.connect(); Statement statement = cleanup.createStatement()) {
                statement.execute("drop table if exists deadlock_probe");
            }
        }
    }
}
