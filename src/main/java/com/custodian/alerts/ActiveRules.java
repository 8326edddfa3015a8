package com.custodian.alerts;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The enabled rules, held in memory and reloaded after any change commits: evaluation reads no
 * rule from the database per message. A change made on another instance is noticed within
 * {@code custodian.alerts.rules-check} (5 s) by a fingerprint of the rule table (count, versions,
 * last update) and of the organizations (a rule watches its organization's subtree), read with the
 * rules: every change of a rule or an organization adds to its version.
 */
@Component
class ActiveRules {

    private final AlertRuleRepository rules;
    private final com.custodian.organizations.OrganizationsService organizations;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private volatile List<ActiveRule> loaded;
    /** The fingerprint of the rule table the loaded rules were read with. */
    private volatile String loadedFingerprint;
    private long generation;

    ActiveRules(AlertRuleRepository rules, JdbcTemplate jdbc, PlatformTransactionManager transactions,
            com.custodian.organizations.OrganizationsService organizations) {
        this.organizations = organizations;
        this.rules = rules;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    List<ActiveRule> all() {
        List<ActiveRule> current = loaded;
        if (current == null) {
            current = reload();
        }
        return current;
    }

    List<ActiveRule> perMessage() {
        return all().stream().filter(rule -> !rule.aggregated()).toList();
    }

    List<ActiveRule> aggregated() {
        return all().stream().filter(ActiveRule::aggregated).toList();
    }

    /** Synchronized with reloading: a reload that read the rules before this change cannot keep its stale list. */
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void on(RulesChanged changed) {
        generation++;
        loaded = null;
    }

    /** Drops the loaded rules when the table changed since they were read (on this instance or another). */
    @Scheduled(fixedDelayString = "${custodian.alerts.rules-check:5s}", initialDelayString = "${custodian.alerts.rules-check:5s}")
    void checkForChanges() {
        String seen = loadedFingerprint;
        if (loaded != null && seen != null && !seen.equals(fingerprint())) {
            on(new RulesChanged());
        }
    }

    private String fingerprint() {
        // The organizations' too: a rule watches its organization's subtree, which a move changes.
        return jdbc.queryForObject("select count(*), coalesce(sum(version), 0), max(updated_at), "
                + "(select count(*) from organization), (select coalesce(sum(version), 0) from organization) "
                + "from alert_rule", (rs, row) -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getString(3) + "/"
                        + rs.getLong(4) + "/" + rs.getLong(5));
    }

    private List<ActiveRule> reload() {
        long readAt;
        synchronized (this) {
            if (loaded != null) {
                return loaded;
            }
            readAt = generation;
        }
        String[] fingerprint = new String[1];
        List<ActiveRule> read = readOnly.execute(status -> {
            fingerprint[0] = fingerprint();
            // Each rule watches its organization's subtree: one statement per organization that has rules.
            java.util.Map<java.util.UUID, java.util.Set<java.util.UUID>> subtrees = new java.util.HashMap<>();
            return rules.findEnabledWithConditions().stream().map(rule -> rule.toActive(
                    com.custodian.security.Scope.ROOT.equals(rule.getOrganizationId()) ? null
                            : subtrees.computeIfAbsent(rule.getOrganizationId(),
                                    id -> new java.util.HashSet<>(organizations.subtree(id))))).toList();
        });
        synchronized (this) {
            if (generation == readAt) {
                loaded = read;
                loadedFingerprint = fingerprint[0];
            }
        }
        return read;
    }
}
