package com.custodian.alerts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An enabled rule as the evaluator holds it: immutable, no entity.
 *
 * @param organizations the organizations whose devices it may watch (its own and those below it),
 *        or null for every device (a rule of the root)
 */
record ActiveRule(long id, String name, TargetKind targetKind, UUID templateId, Set<Long> deviceRefs,
        MatchMode matchMode, List<ConditionSpec> conditions, Aggregation aggregation, Integer windowMinutes,
        Set<UUID> organizations) {

    boolean watches(long deviceRef, UUID deviceTemplate, UUID deviceOrganization) {
        if (organizations != null && !organizations.contains(deviceOrganization)) {
            return false;
        }
        return switch (targetKind) {
            case ALL -> true;
            case TEMPLATE -> templateId.equals(deviceTemplate);
            case DEVICES -> deviceRefs.contains(deviceRef);
        };
    }

    boolean aggregated() {
        return aggregation != Aggregation.NONE;
    }

    /** The conditions as a sentence in any language: "temperature > 30 and humidity < 20". */
    com.custodian.base.i18n.Text conditionsText() {
        Object joined = com.custodian.base.i18n.Text.joined(matchMode == MatchMode.ALL ? "alerts.summary.and"
                : "alerts.summary.or", conditions.stream().map(ConditionSpec::text).toList());
        return com.custodian.base.i18n.Text.of("alerts.observed.rule", joined);
    }

    String describeConditions() {
        return String.join(matchMode == MatchMode.ALL ? " and " : " or ",
                conditions.stream().map(ConditionSpec::toString).toList());
    }
}
