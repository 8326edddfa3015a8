package com.custodian.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Firings and the emails they cause, written in one transaction. A rule emails at most once per
 * interval: while an email of the rule is still waiting, further firings are added to it (counted
 * and listed when it goes), so none is lost and nobody is flooded.
 */
@Component
class AlertOutbox {

    enum Status {
        PENDING, SENDING, SENT, SKIPPED, FAILED
    }

    /** An email claimed for sending. */
    record Email(long id, String messageKey, long ruleId, String recipient, Instant firstFiringAt,
            Instant lastFiringAt, int firings, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AlertsProperties properties;

    AlertOutbox(JdbcTemplate jdbc, Clock clock, AlertsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Records the firings, and their emails, in one transaction. */
    @Transactional
    void record(List<Firing> firings) {
        Instant now = clock.instant();
        for (Firing firing : firings) {
            // A rule deleted or a device erased meanwhile: nothing to record (insert … select).
            int recorded = jdbc.update("insert into alert_firing (rule_id, device_ref, fired_at, observed_at, observed) "
                    + "select r.id, d.id, ?, ?, ? from alert_rule r, device d where r.id = ? and d.id = ?",
                    utc(now), utc(firing.observedAt()), clip(firing.observed()), firing.ruleId(), firing.deviceRef());
            if (recorded == 0) {
                continue;
            }
            jdbc.update("update alert_rule set last_fired_at = ? where id = ?", utc(now), firing.ruleId());
            int gathered = jdbc.update("update alert_email set firings = firings + 1, last_firing_at = ? "
                    + "where rule_id = ? and status = 'PENDING'", utc(now), firing.ruleId());
            if (gathered == 0) {
                enqueue(firing.ruleId(), now);
            }
        }
    }

    /** One email per recipient of the rule, not before the rule's interval since its last email. */
    private void enqueue(long ruleId, Instant now) {
        Timestamp lastEmailed = jdbc.queryForObject("select last_emailed_at from alert_rule where id = ?",
                Timestamp.class, ruleId);
        Instant sendAfter = now;
        if (lastEmailed != null) {
            Instant next = lastEmailed.toLocalDateTime().toInstant(ZoneOffset.UTC).plus(properties.emailInterval());
            sendAfter = next.isAfter(now) ? next : now;
        }
        List<String> recipients = jdbc.queryForList("select email from alert_recipient where rule_id = ? order by email",
                String.class, ruleId);
        Instant due = sendAfter;
        jdbc.batchUpdate("insert into alert_email (message_key, rule_id, recipient, first_firing_at, last_firing_at, "
                + "firings, status, attempts, send_after, created_at) values (?, ?, ?, ?, ?, 1, 'PENDING', 0, ?, ?)",
                recipients, recipients.size(), (statement, recipient) -> {
                    statement.setString(1, UUID.randomUUID().toString());
                    statement.setLong(2, ruleId);
                    statement.setString(3, recipient);
                    statement.setObject(4, utc(now));
                    statement.setObject(5, utc(now));
                    statement.setObject(6, utc(due));
                    statement.setObject(7, utc(now));
                });
    }

    /**
     * Claims due emails for sending (at most {@code limit}) and records that their rules emailed
     * now, so the next firing waits its interval.
     */
    @Transactional
    List<Email> claimDue(int limit) {
        Instant now = clock.instant();
        List<Email> due = jdbc.query("select id, message_key, rule_id, recipient, first_firing_at, last_firing_at, "
                + "firings, attempts from alert_email where status = 'PENDING' and send_after <= ? order by id limit ? "
                + "for update", (rs, row) -> new Email(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        instant(rs.getObject(5, LocalDateTime.class)), instant(rs.getObject(6, LocalDateTime.class)),
                        rs.getInt(7), rs.getInt(8)),
                utc(now), limit);
        for (Email email : due) {
            jdbc.update("update alert_email set status = 'SENDING', attempts = attempts + 1 where id = ?", email.id());
            jdbc.update("update alert_rule set last_emailed_at = ? where id = ?", utc(now), email.ruleId());
        }
        return due;
    }

    @Transactional
    void sent(long id) {
        jdbc.update("update alert_email set status = 'SENT', sent_at = ?, last_error = null where id = ?",
                utc(clock.instant()), id);
    }

    @Transactional
    void skipped(long id) {
        jdbc.update("update alert_email set status = 'SKIPPED', sent_at = null where id = ?", id);
    }

    /** Back to the queue, to try again after the delay; failed for good after too many attempts. */
    @Transactional
    void retryLater(long id, java.time.Duration delay, String error, boolean giveUp) {
        jdbc.update("update alert_email set status = ?, send_after = ?, last_error = ? where id = ?",
                giveUp ? "FAILED" : "PENDING", utc(clock.instant().plus(delay)), clip(error), id);
    }

    /** Emails a crash left claimed but not confirmed go back to the queue (their Message-ID stays). */
    @Transactional
    int requeueUnconfirmed() {
        return jdbc.update("update alert_email set status = 'PENDING' where status = 'SENDING'");
    }

    /** The rule's name and note, and the firings the email covers (newest first, at most {@code max}). */
    record Content(String ruleName, String note, long firings, List<FiringLine> latest) {
    }

    record FiringLine(String deviceId, String deviceName, Instant observedAt, String observed) {
    }

    @Transactional(readOnly = true)
    java.util.Optional<Content> content(Email email, int max) {
        List<Content> rule = jdbc.query("select name, note from alert_rule where id = ?",
                (rs, row) -> new Content(rs.getString(1), rs.getString(2), 0, List.of()), email.ruleId());
        if (rule.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object from = utc(email.firstFiringAt());
        Object to = utc(email.lastFiringAt());
        List<FiringLine> latest = jdbc.query("select d.device_id, d.display_name, f.observed_at, f.observed "
                + "from alert_firing f join device d on d.id = f.device_ref where f.rule_id = ? and f.fired_at between ? "
                + "and ? order by f.fired_at desc, f.id desc limit ?", (rs, row) -> new FiringLine(rs.getString(1),
                        rs.getString(2), instant(rs.getObject(3, LocalDateTime.class)), rs.getString(4)),
                email.ruleId(), from, to, max);
        return java.util.Optional.of(new Content(rule.getFirst().ruleName(), rule.getFirst().note(),
                email.firings(), latest));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static String clip(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
