package com.custodian.base.personaldata;

import java.util.List;

import com.custodian.base.i18n.Text;

/**
 * What one feature holds about a subject: its category, how many records, and one line per record
 * saying what it is (identifiers the subject was found by, counts; never someone else's data).
 * The lines are texts, translated for whoever reads them.
 */
public record Holding(String category, long records, List<Text> details) {

    public Holding {
        details = List.copyOf(details);
    }

    public static Holding none(String category) {
        return new Holding(category, 0, List.of());
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** The category's name for people. */
    public Text categoryName() {
        return categoryName(category);
    }

    /**
     * A category's name for people: the bundle's {@code requests.category.<category>}, spaces as
     * hyphens ("audit trail" is {@code requests.category.audit-trail}).
     */
    public static Text categoryName(String category) {
        return Text.of("requests.category." + category.replace(' ', '-'));
    }
}
