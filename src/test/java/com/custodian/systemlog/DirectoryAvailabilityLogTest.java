package com.custodian.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.directory.DirectoryAvailabilityChanged;

/**
 * The directory's changes of availability reach the system log on MariaDB, even when the change
 * that noticed them rolls back (a user assignment refused because the directory is down).
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class DirectoryAvailabilityLogTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void degradedAndRecoveredAreRecordedWhateverBecomesOfTheCallersTransaction(CapturedOutput output) {
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from system_log", Long.class);
        Instant since = Instant.parse("2026-11-29T10:00:00Z");
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new DirectoryAvailabilityChanged(false, "find-by-email", since, since,
                    "Microsoft Graph answered 503\r\nforged line"));
            status.setRollbackOnly();
        });
        events.publishEvent(new DirectoryAvailabilityChanged(true, "resolve", since, since.plus(Duration.ofMinutes(3)), null));
        var rows = jdbc.queryForList("select event, detail from system_log where id > ? and event like 'directory.%' "
                + "order by id", before);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("event", "directory.degraded");
        assertThat((String) rows.get(0).get("detail")).contains("\"operation\":\"find-by-email\"",
                "Microsoft Graph answered 503\\\\u000d\\\\u000aforged line");
        assertThat(rows.get(1)).containsEntry("event", "directory.recovered");
        assertThat((String) rows.get(1).get("detail")).contains("\"unavailableFor\":\"PT3M\"");
        assertThat(output.getOut()).contains("directory.degraded", "directory.recovered").doesNotContain("\nforged line");
    }
}
