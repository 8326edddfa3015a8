package com.custodian.alerts;

/** A condition as the rest of the application sees it. */
public record ConditionSpec(String field, Operator operator, double threshold) {

    public boolean test(double value) {
        return operator.test(value, threshold);
    }

    @Override
    public String toString() {
        return field + " " + operator.symbol() + " " + RuleText.number(threshold);
    }
}
