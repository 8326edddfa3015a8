package com.custodian.alerts;

/** A condition as the rest of the application sees it. */
public record ConditionSpec(String field, Operator operator, double threshold) {

    public boolean test(double value) {
        return operator.test(value, threshold);
    }

    /** The condition as its reader writes numbers ("temperature > 2,5" in German). */
    public com.custodian.base.i18n.Text text() {
        return com.custodian.base.i18n.Text.of("alerts.condition", field, operator.symbol(), threshold);
    }

    @Override
    public String toString() {
        return field + " " + operator.symbol() + " " + RuleText.number(threshold);
    }
}
