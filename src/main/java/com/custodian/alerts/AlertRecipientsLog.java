package com.custodian.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records, once committed, that an address was taken off rules: which rules and why, never the
 * address. It goes to the system log; the audit trail will record the same event by rule.
 */
@Component
class AlertRecipientsLog {

    private static final Logger log = LoggerFactory.getLogger(AlertRecipientsLog.class);

    @TransactionalEventListener
    void on(AlertRecipientsRemoved removed) {
        log.info("An address was removed from alert rules {} ({})", removed.ruleIds(), removed.reason());
    }
}
