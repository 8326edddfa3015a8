package com.custodian.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
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

    /** How long a claimed email is left to its sender before another may take it, beyond its send time. */
    private final java.time.Duration claimMargin;
    /** The longest one email can take: the connection, read and write timeouts of the mail server. */
    static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(30);

    enum Status {
        PENDING, SENDING, SENT, SKIPPED, FAILED
    }

    /** An email claimed for sending; {@code attempts} counts this one. */
    record Email(long id, String messageKey, long ruleId, String recipient, Instant firstFiringAt,
            Instant lastFiringAt, int firings, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AlertsProperties properties;
    private final com.custodian.systemlog.SystemLog systemLog;

    AlertOutbox(JdbcTemplate jdbc, Clock clock, AlertsProperties properties, com.custodian.systemlog.SystemLog systemLog,
            @org.springframework.beans.factory.annotation.Value("${custodian.alerts.claim-margin:1m}")
            java.time.Duration claimMargin) {
        this.claimMargin = claimMargin;
        this.systemLog = systemLog;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Records the firings, and their emails, in one transaction: a batch of inserts for the
     * firings, then per rule that fired one update of its last firing, one to add the firings to
     * its waiting email, and the email only when none was waiting.
     */
    @Transactional
    void record(List<Firing> firings) {
        Instant now = clock.instant();
        // A rule deleted or a device erased meanwhile: nothing recorded for it.
        Set<Long> rules = existing("alert_rule", firings.stream().map(Firing::ruleId).toList());
        Set<Long> devices = existing("device", firings.stream().map(Firing::deviceRef).toList());
        List<Firing> recorded = firings.stream()
                .filter(firing -> rules.contains(firing.ruleId()) && devices.contains(firing.deviceRef())).toList();
        jdbc.batchUpdate("insert into alert_firing (rule_id, device_ref, fired_at, observed_at, observed) "
                + "values (?, ?, ?, ?, ?)", recorded, recorded.size(), (statement, firing) -> {
                    statement.setLong(1, firing.ruleId());
                    statement.setLong(2, firing.deviceRef());
                    statement.setObject(3, utc(now));
                    statement.setObject(4, utc(firing.observedAt()));
                    statement.setString(5, clip(firing.observed()));
                });
        java.util.Map<Long, Integer> byRule = new java.util.TreeMap<>();
        recorded.forEach(firing -> byRule.merge(firing.ruleId(), 1, Integer::sum));
        if (byRule.isEmpty()) {
            return;
        }
        List<java.util.Map.Entry<Long, Integer>> fired = List.copyOf(byRule.entrySet());
        jdbc.batchUpdate("update alert_rule set last_fired_at = ? where id = ?", fired, fired.size(),
                (statement, rule) -> {
                    statement.setObject(1, utc(now));
                    statement.setLong(2, rule.getKey());
                });
        // Each recipient's waiting email takes the firings; a recipient with none waiting gets one.
        jdbc.batchUpdate("update alert_email set firings = firings + ?, last_firing_at = ? "
                + "where rule_id = ? and status = 'PENDING'", fired, fired.size(), (statement, rule) -> {
                    statement.setInt(1, rule.getValue());
                    statement.setObject(2, utc(now));
                    statement.setLong(3, rule.getKey());
                });
        for (java.util.Map.Entry<Long, Integer> rule : fired) {
            enqueue(rule.getKey(), rule.getValue(), now);
            systemLog.record("alert.fired", java.util.Map.of("ruleId", rule.getKey(), "firings", rule.getValue()));
        }
    }

    private Set<Long> existing(String table, List<Long> ids) {
        Set<Long> found = new java.util.HashSet<>();
        if (!ids.isEmpty()) {
            new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).query(
                    "select id from " + table + " where id in (:ids)", java.util.Map.of("ids", Set.copyOf(ids)),
                    (org.springframework.jdbc.core.RowCallbackHandler) rs -> found.add(rs.getLong(1)));
        }
        return found;
    }

    /** An email for each recipient of the rule with none waiting, not before the rule's interval since its last email. */
    private void enqueue(long ruleId, int firings, Instant now) {
        List<Timestamp> rule = jdbc.query("select last_emailed_at from alert_rule where id = ?",
                (rs, row) -> rs.getTimestamp(1), ruleId);
        if (rule.isEmpty()) {
            return; // deleted meanwhile
        }
        Timestamp lastEmailed = rule.getFirst();
        Instant sendAfter = now;
        if (lastEmailed != null) {
            Instant next = lastEmailed.toLocalDateTime().toInstant(ZoneOffset.UTC).plus(properties.emailInterval());
            sendAfter = next.isAfter(now) ? next : now;
        }
        List<String> recipients = jdbc.queryForList("select r.email from alert_recipient r where r.rule_id = ? "
                + "and not exists (select 1 from alert_email e where e.rule_id = r.rule_id and e.recipient = r.email "
                + "and e.status = 'PENDING') order by r.email", String.class, ruleId);
        if (recipients.isEmpty()) {
            return;
        }
        Instant due = sendAfter;
        jdbc.batchUpdate("insert into alert_email (message_key, rule_id, recipient, first_firing_at, last_firing_at, "
                + "firings, status, attempts, send_after, created_at) values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                recipients, recipients.size(), (statement, recipient) -> {
                    statement.setString(1, UUID.randomUUID().toString());
                    statement.setLong(2, ruleId);
                    statement.setString(3, recipient);
                    statement.setObject(4, utc(now));
                    statement.setObject(5, utc(now));
                    statement.setInt(6, firings);
                    statement.setObject(7, utc(due));
                    statement.setObject(8, utc(now));
                });
    }

    /**
     * Claims due emails for sending (at most {@code limit}) and records that their rules emailed
     * now, so the next firing waits its interval.
     */
    @Transactional
    List<Email> claimDue(int limit) {
        Instant now = clock.instant();
        // Rules first, then their emails: the order in which recording a firing takes them.
        jdbc.query("select id from alert_rule where id in (select distinct rule_id from alert_email where status = "
                + "'PENDING' and send_after <= ?) order by id for update", rs -> { }, utc(now));
        List<Email> due = jdbc.query("select id, message_key, rule_id, recipient, first_firing_at, last_firing_at, "
                + "firings, attempts from alert_email where status = 'PENDING' and send_after <= ? order by id limit ? "
                + "for update", (rs, row) -> new Email(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        instant(rs.getObject(5, LocalDateTime.class)), instant(rs.getObject(6, LocalDateTime.class)),
                        rs.getInt(7), rs.getInt(8) + 1),
                utc(now), limit);
        for (int i = 0; i < due.size(); i++) {
            Email email = due.get(i);
            // The claim lapses once this email should long have gone (each send may take 30 s): an
            // instance that died with it claimed does not keep it from going.
            jdbc.update("update alert_email set status = 'SENDING', attempts = attempts + 1, send_after = ? where id = ?",
                    utc(now.plus(claimMargin).plus(SEND_TIMEOUT.multipliedBy(i + 1L))), email.id());
            jdbc.update("update alert_rule set last_emailed_at = ? where id = ?", utc(now), email.ruleId());
        }
        return due;
    }

    @Transactional
    void sent(long id) {
        jdbc.update("update alert_email set status = 'SENT', sent_at = ?, last_error = null where id = ?",
                utc(clock.instant()), id);
    }

    /** Whether the address is still on the rule (it may have been removed or replaced since). */
    @Transactional(readOnly = true)
    boolean stillRecipient(Email email) {
        Integer on = jdbc.queryForObject("select count(*) from alert_recipient where rule_id = ? and email = ?",
                Integer.class, email.ruleId(), email.recipient());
        return on != null && on > 0;
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

    /**
     * Emails whose claim lapsed unconfirmed (the instance sending them died) go back to the queue;
     * their Message-ID stays, so a receiver can tell a repeat.
     */
    @Transactional
    int requeueUnconfirmed() {
        return jdbc.update("update alert_email set status = 'PENDING' where status = 'SENDING' and send_after <= ?",
                utc(clock.instant()));
    }

    /** Emails waiting to go, how many of them failed at least once, and since when the oldest waits. */
    record Backlog(long pending, long failing, Instant oldestPendingSince) {
    }

    Backlog backlog() {
        return jdbc.queryForObject("select count(*), coalesce(sum(case when attempts > 0 then 1 else 0 end), 0), "
                + "min(created_at) from alert_email where status = 'PENDING'", (rs, row) -> new Backlog(rs.getLong(1),
                        rs.getLong(2), rs.getObject(3, LocalDateTime.class) == null ? null
                                : instant(rs.getObject(3, LocalDateTime.class))));
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
