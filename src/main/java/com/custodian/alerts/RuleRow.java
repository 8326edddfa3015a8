package com.custodian.alerts;

import java.time.Instant;
import java.util.List;

import com.custodian.base.i18n.Text;

/**
 * A rule as the Rules page lists it; what it watches and its conditions are texts for the reader's
 * language; {@code organizationId} is where it belongs (it watches devices there and below).
 */
public record RuleRow(long id, String name, boolean enabled, Text target, Text conditions, List<String> recipients,
        Instant lastFiredAt, long version, java.util.UUID organizationId) {
}
