package com.custodian.audit;

import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.export.TableWriter;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;

/**
 * The audit trail: one entry per administrative change, written in the change's own transaction
 * (it commits or rolls back with it), and one per refusal, written in a transaction of its own
 * (the refused change rolls back; its refusal stays). Actors and targets are IDs, never emails.
 */
@Service
public class AuditTrail {

    /** The category of personal data the trail is in a data request's discovery and receipt. */
    public static final String CATEGORY = "audit trail";


    public static final int MAX_PAGE_SIZE = 500;
    static final String VIEW = "hasRole('" + Permission.Names.VIEW_AUDIT_TRAIL + "')";
    private static final RowMapper<AuditRow> ROW = (rs, row) -> new AuditRow(rs.getLong("id"),
            rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("actor"),
            rs.getString("action"), rs.getString("target"), rs.getString("outcome"), rs.getString("detail"));

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AuditTrail(JdbcTemplate jdbc, CurrentUser currentUser, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A change was made, by the signed-in caller; in the change's transaction. */
    public void done(String action, Object target, String detail) {
        insert(actor(), action, target, "DONE", detail);
    }

    /** A change whose detail is prose: kept as a text, so that each reader sees it in their language. */
    public void doneSaying(String action, Object target, com.custodian.base.i18n.Text detail) {
        done(action, target, stored(detail));
    }

    /** {@link #doneForEach(String, java.util.Collection, String)} with a detail in prose. */
    public void doneForEachSaying(String action, java.util.Collection<?> targets, com.custodian.base.i18n.Text detail) {
        doneForEach(action, targets, stored(detail));
    }

    private static String stored(com.custodian.base.i18n.Text detail) {
        if (detail == null) {
            return null;
        }
        String stored = com.custodian.base.i18n.StoredText.encode(detail);
        // Too long to keep whole: the English words rather than a cut-off text.
        return stored.length() <= 1000 ? stored : com.custodian.base.i18n.Translations.english(detail);
    }

    /**
     * The same change to many targets (an address taken off many rules): one entry each, written
     * with one statement per thousand, so the cost does not grow with their number.
     */
    public void doneForEach(String action, java.util.Collection<?> targets, String detail) {
        List<?> all = List.copyOf(targets);
        String actor = actor();
        LocalDateTime at = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int start = 0; start < all.size(); start += 1000) {
            List<?> chunk = all.subList(start, Math.min(all.size(), start + 1000));
            StringBuilder sql = new StringBuilder("insert into audit_entry (at, actor, action, target, outcome, detail) values ");
            List<Object> parameters = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, 'DONE', ?)");
                parameters.add(at);
                parameters.add(actor);
                parameters.add(clean(action, 64));
                parameters.add(clean(String.valueOf(chunk.get(i)), 200));
                parameters.add(detail == null ? null : clean(detail, 1000));
            }
            jdbc.update(sql.toString(), parameters.toArray());
        }
    }

    /** A change was refused; recorded even though the change's transaction rolls back. */
    public void refused(String action, Object target, String reason) {
        refusedBy(actor(), action, target, reason);
    }

    /** {@link #doneBy} with a detail in prose. */
    public void doneBySaying(String actor, String action, Object target, com.custodian.base.i18n.Text detail) {
        doneBy(actor, action, target, stored(detail));
    }

    /** Something done outside any change's transaction (a sign-in), by the actor given. */
    public void doneBy(String actor, String action, Object target, String detail) {
        ownTransaction.executeWithoutResult(status -> insert(actor, action, target, "DONE", detail));
    }

    /** A refusal of someone who may not be signed in here (a failed sign-in). */
    public void refusedBy(String actor, String action, Object target, String reason) {
        ownTransaction.executeWithoutResult(status -> insert(actor, action, target, "REFUSED", reason));
    }

    /** After an erasure, the subject's object ID in old entries becomes the request's pseudonym. */
    public int pseudonymise(UUID objectId, String pseudonym) {
        int actors = jdbc.update("update audit_entry set actor = ? where actor = ?", pseudonym, objectId.toString());
        int targets = jdbc.update("update audit_entry set target = ? where target = ?", pseudonym, objectId.toString());
        return actors + targets;
    }

    @PreAuthorize(VIEW)
    public List<AuditRow> list(AuditQuery query, int offset, int limit) {
        if (limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " entries");
        }
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        parameters.add(limit);
        parameters.add(offset);
        return jdbc.query("select id, at, actor, action, target, outcome, detail from audit_entry" + where
                + " order by id desc limit ? offset ?", ROW, parameters.toArray());
    }

    @PreAuthorize(VIEW)
    public long count(AuditQuery query) {
        List<Object> parameters = new ArrayList<>();
        Long count = jdbc.queryForObject("select count(*) from audit_entry" + where(query, parameters), Long.class,
                parameters.toArray());
        return count == null ? 0 : count;
    }

    /** The filtered entries as CSV, a page of 500 at a time. */
    @PreAuthorize(VIEW)
    public void exportCsv(AuditQuery query, OutputStream out) throws java.io.IOException {
        try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("at", "actor", "action", "target", "outcome",
                "detail"), out)) {
            for (int offset = 0;; offset += MAX_PAGE_SIZE) {
                List<AuditRow> page = list(query, offset, MAX_PAGE_SIZE);
                for (AuditRow row : page) {
                    csv.row(java.util.Arrays.asList(row.at().toString(), row.actor(), row.action(), row.target(),
                            row.outcome(), com.custodian.base.i18n.StoredText.decode(row.detail())
                                    .map(com.custodian.base.i18n.Translations::english).orElse(row.detail())));
                }
                if (page.size() < MAX_PAGE_SIZE) {
                    return;
                }
            }
        }
    }

    /** The actions recorded so far, for the page's filter. */
    @PreAuthorize(VIEW)
    public List<String> actions() {
        return jdbc.queryForList("select distinct action from audit_entry order by action", String.class);
    }

    private String actor() {
        return currentUser.get().map(user -> user.objectId().toString()).orElse(null);
    }

    private void insert(String actor, String action, Object target, String outcome, String detail) {
        jdbc.update("insert into audit_entry (at, actor, action, target, outcome, detail) values (?, ?, ?, ?, ?, ?)",
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), actor, clean(action, 64),
                target == null ? null : clean(String.valueOf(target), 200), outcome,
                detail == null ? null : clean(detail, 1000));
    }

    private static String where(AuditQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        Optional.ofNullable(query.from()).ifPresent(from -> {
            conditions.add("at >= ?");
            parameters.add(LocalDateTime.ofInstant(from, ZoneOffset.UTC));
        });
        Optional.ofNullable(query.until()).ifPresent(until -> {
            conditions.add("at < ?");
            parameters.add(LocalDateTime.ofInstant(until, ZoneOffset.UTC));
        });
        if (query.actor() != null && !query.actor().isBlank()) {
            conditions.add("actor = ?");
            parameters.add(query.actor().strip());
        }
        if (query.action() != null && !query.action().isBlank()) {
            conditions.add("action = ?");
            parameters.add(query.action().strip());
        }
        if (query.target() != null && !query.target().isBlank()) {
            conditions.add("target = ?");
            parameters.add(query.target().strip());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** Control characters become visible escapes, so no input forges an entry; long text is cut. */
    static String clean(String text, int max) {
        StringBuilder clean = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                clean.append(String.format("\\u%04x", c));
            } else {
                clean.appendCodePoint(c);
            }
        });
        return clean.length() > max ? clean.substring(0, max - 1) + "…" : clean.toString();
    }
}
