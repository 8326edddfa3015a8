package com.custodian.alerts;

import java.time.Instant;

/** A rule that fired for a device: when the values were observed, and what they were. */
record Firing(long ruleId, long deviceRef, Instant observedAt, String observed) {
}
