package com.custodian.systemlog;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * System-generated logs: what the service did on its own, as a structured log line on standard
 * output and a row in the append-only {@code system_log} table. Fields are identifiers and counts,
 * never email addresses; text is stripped of control characters, so no input can forge a line.
 * Inside a transaction the row commits or rolls back with it: only what happened is recorded.
 * No view, API or export of the application reads this table.
 */
@Service
public class SystemLog {

    private static final Logger log = LoggerFactory.getLogger("custodian.system-log");
    private static final int MAX_TEXT = 200;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final TransactionTemplate ownTransaction;

    SystemLog(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records an event, such as {@code alert.fired} or {@code device.rejected}, with its fields
     * (identifiers, counts, reasons).
     */
    public void record(String event, Map<String, ?> fields) {
        // By name, so the same event always reads the same way, whatever map the caller passed.
        Map<String, Object> safe = new TreeMap<>();
        fields.forEach((name, value) -> safe.put(clean(name), value instanceof Number || value instanceof Boolean
                ? value : clean(String.valueOf(value))));
        LoggingEventBuilder line = log.atInfo().addKeyValue("event", clean(event));
        safe.forEach(line::addKeyValue);
        String detail = json.writeValueAsString(safe);
        line.log("{} {}", clean(event), detail);
        jdbc.update("insert into system_log (logged_at, event, detail) values (?, ?, ?)",
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), clean(event),
                detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }

    /**
     * Records an event that happened whatever becomes of the caller's transaction (the directory
     * failing while a change is being made), in a transaction of its own.
     */
    public void recordOnItsOwn(String event, Map<String, ?> fields) {
        ownTransaction.executeWithoutResult(status -> record(event, fields));
    }

    /** Control characters (CR, LF and the rest) become visible escapes; long text is cut. */
    static String clean(String text) {
        String clipped = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        StringBuilder clean = new StringBuilder(clipped.length());
        clipped.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                clean.append(String.format("\\u%04x", c));
            } else {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString();
    }
}
