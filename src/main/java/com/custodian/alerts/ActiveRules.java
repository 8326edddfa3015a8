package com.custodian.alerts;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The enabled rules, held in memory and reloaded after any change commits: evaluation reads no
 * rule from the database per message.
 */
@Component
class ActiveRules {

    private final AlertRuleRepository rules;
    private final TransactionTemplate readOnly;
    private volatile List<ActiveRule> loaded;
    private long generation;

    ActiveRules(AlertRuleRepository rules, PlatformTransactionManager transactions) {
        this.rules = rules;
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

    private List<ActiveRule> reload() {
        long readAt;
        synchronized (this) {
            if (loaded != null) {
                return loaded;
            }
            readAt = generation;
        }
        List<ActiveRule> read = readOnly.execute(status -> rules.findEnabledWithConditions().stream()
                .map(AlertRule::toActive).toList());
        synchronized (this) {
            if (generation == readAt) {
                loaded = read;
            }
        }
        return read;
    }
}
