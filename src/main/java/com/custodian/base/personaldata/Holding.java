package com.custodian.base.personaldata;

import java.util.List;

/**
 * What one feature holds about a subject: its category, how many records, and one line per record
 * saying what it is (identifiers the subject was found by, counts; never someone else's data).
 */
public record Holding(String category, long records, List<String> details) {

    public Holding {
        details = List.copyOf(details);
    }

    public static Holding none(String category) {
        return new Holding(category, 0, List.of());
    }

    public boolean isEmpty() {
        return records == 0;
    }
}
