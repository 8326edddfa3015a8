package com.custodian.alerts;

import java.math.BigDecimal;

/** How rules show numbers and addresses. */
final class RuleText {

    private RuleText() {
    }

    /** A number without a needless ".0" or exponent. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The stored form of an address: trimmed, lower case (Entra matches addresses without case). */
    static String address(String email) {
        return email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
