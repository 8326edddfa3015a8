package com.custodian.alerts;

import java.util.List;

/**
 * Published inside the transaction that took an address off rules: which rules, never the
 * address (the audit trail records it by rule).
 */
public record AlertRecipientsRemoved(List<Long> ruleIds, String reason) {
}
