package com.custodian.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One condition of a rule: a telemetry field, an operator and a number. */
@Embeddable
class RuleCondition {

    @Column(name = "field", nullable = false, length = 64)
    private String field;

    @Enumerated(EnumType.STRING)
    @Column(name = "operator", nullable = false, length = 4)
    private Operator operator;

    @Column(name = "threshold", nullable = false)
    private double threshold;

    protected RuleCondition() {
    }

    RuleCondition(String field, Operator operator, double threshold) {
        this.field = field;
        this.operator = operator;
        this.threshold = threshold;
    }

    ConditionSpec toSpec() {
        return new ConditionSpec(field, operator, threshold);
    }
}
