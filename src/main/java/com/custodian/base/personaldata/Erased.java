package com.custodian.base.personaldata;

import java.util.Map;

/**
 * What one feature erased for a subject: counts by kind of record, and nothing of the subject's
 * data, so it can be kept as proof after the erasure.
 */
public record Erased(String category, Map<String, Long> counts) {

    public Erased {
        counts = Map.copyOf(counts);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
