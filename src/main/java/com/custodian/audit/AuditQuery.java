package com.custodian.audit;

import java.time.Instant;

/** A filter of the audit trail; null or blank parts filter nothing. */
public record AuditQuery(Instant from, Instant until, String actor, String action, String target) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);
}
