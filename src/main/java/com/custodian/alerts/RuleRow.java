package com.custodian.alerts;

import java.time.Instant;
import java.util.List;

/** A rule as the Rules page lists it. */
public record RuleRow(long id, String name, boolean enabled, String target, String conditions, List<String> recipients,
        Instant lastFiredAt, long version) {
}
