package com.custodian.systemlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * System-generated logs on MariaDB: a line and a row per event, inputs that cannot forge lines,
 * and a table the application's own account can only append to (the retention purge aside).
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SystemLogTest {

    @Autowired
    SystemLog systemLog;
    @Autowired
    SystemLogRetention retention;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventIsALogLineAndARowAndControlCharactersCannotForgeLines(CapturedOutput output) {
        long before = rows();
        systemLog.record("device.rejected", Map.of("deviceId", "evil\r\n2026-11-29 INFO forged line", "status", 401));
        assertThat(rows()).isEqualTo(before + 1);
        String detail = jdbc.queryForObject("select detail from system_log order by id desc limit 1", String.class);
        assertThat(detail).contains("\"status\":401", "evil\\\\u000d\\\\u000a2026").doesNotContain("\r", "\n");
        assertThat(output.getOut()).contains("device.rejected").doesNotContain("evil\r\n");
        assertThat(output.getOut().lines().filter(line -> line.contains("forged line"))).allSatisfy(
                line -> assertThat(line).contains("device.rejected"));
    }

    @Test
    void theApplicationsAccountCannotChangeOrDeleteRows() {
        systemLog.record("alert.fired", Map.of("ruleId", 7));
        long id = jdbc.queryForObject("select max(id) from system_log", Long.class);
        assertThatThrownBy(() -> jdbc.update("update system_log set detail = '{}' where id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from system_log where id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("retention purge");
        long old = insertOld(45);
        assertThatThrownBy(() -> jdbc.update("delete from system_log where id = ?", old))
                .as("even an expired row, outside the purge").isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from system_log where id in (?, ?)", Integer.class, id, old))
                .isEqualTo(2);
    }

    @Test
    void theRetentionPurgeDeletesOnlyExpiredRows() {
        long expired = insertOld(45);
        long kept = insertOld(10);
        retention.purge();
        assertThat(jdbc.queryForObject("select count(*) from system_log where id = ?", Integer.class, expired)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from system_log where id = ?", Integer.class, kept)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from system_log where event = 'system-log.purged'", Integer.class))
                .isPositive();
    }

    private long insertOld(int daysAgo) {
        jdbc.update("insert into system_log (logged_at, event, detail) values (?, 'test.old', '{}')",
                LocalDateTime.now(ZoneOffset.UTC).minusDays(daysAgo));
        return jdbc.queryForObject("select max(id) from system_log", Long.class);
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from system_log", Long.class);
    }
}
