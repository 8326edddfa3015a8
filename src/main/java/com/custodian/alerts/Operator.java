package com.custodian.alerts;

/** How a condition compares a value with its threshold. */
public enum Operator {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("="), NE("≠");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> Double.compare(value, threshold) == 0;
            case NE -> Double.compare(value, threshold) != 0;
        };
    }
}
