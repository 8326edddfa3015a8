package com.custodian.audit;

import java.time.Instant;

/** One entry as the audit trail page shows it: {@code actor} is an object ID, a pseudonym, or empty for the service. */
public record AuditRow(long id, Instant at, String actor, String action, String target, String outcome, String detail) {
}
