package com.custodian.alerts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A rule being edited: what the editor binds and the service validates. Thresholds stay text here
 * so that a non-number is reported, not lost. The service's validation ({@code RuleValidation})
 * checks every field, with messages from the translation bundle.
 */
public class RuleForm {

    private Long id;
    private Long version;
    private String name = "";
    private UUID organizationId = com.custodian.security.Scope.ROOT;
    private boolean enabled = true;
    private TargetKind targetKind = TargetKind.ALL;
    private UUID templateId;
    private Set<Long> deviceRefs = new LinkedHashSet<>();
    private MatchMode matchMode = MatchMode.ALL;
    private List<ConditionForm> conditions = new ArrayList<>(List.of(new ConditionForm()));
    private Aggregation aggregation = Aggregation.NONE;
    private Integer windowMinutes;
    private String recipients = "";
    private String note = "";

    /** One condition row of the editor. */
    public static class ConditionForm {
        private String field;
        private Operator operator = Operator.GT;
        private String threshold = "";

        public static ConditionForm of(ConditionSpec spec) {
            ConditionForm form = new ConditionForm();
            form.field = spec.field();
            form.operator = spec.operator();
            form.threshold = RuleText.number(spec.threshold());
            return form;
        }

        public static ConditionForm of(String field, Operator operator, String threshold) {
            ConditionForm form = new ConditionForm();
            form.field = field;
            form.operator = operator;
            form.threshold = threshold;
            return form;
        }

        public String getField() {
            return field;
        }

        public void setField(String field) {
            this.field = field;
        }

        public Operator getOperator() {
            return operator;
        }

        public void setOperator(Operator operator) {
            this.operator = operator;
        }

        public String getThreshold() {
            return threshold;
        }

        public void setThreshold(String threshold) {
            this.threshold = threshold;
        }
    }

    /** Where the rule belongs: it watches devices of this organization and below it. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(UUID organizationId) {
        this.organizationId = organizationId;
    }

    public boolean isNew() {
        return id == null;
    }

    public Long getId() {
        return id;
    }

    void setId(Long id) {
        this.id = id;
    }

    public Long getVersion() {
        return version;
    }

    void setVersion(Long version) {
        this.version = version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public TargetKind getTargetKind() {
        return targetKind;
    }

    public void setTargetKind(TargetKind targetKind) {
        this.targetKind = targetKind;
    }

    public UUID getTemplateId() {
        return templateId;
    }

    public void setTemplateId(UUID templateId) {
        this.templateId = templateId;
    }

    public Set<Long> getDeviceRefs() {
        return deviceRefs;
    }

    public void setDeviceRefs(Set<Long> deviceRefs) {
        this.deviceRefs = deviceRefs == null ? new LinkedHashSet<>() : deviceRefs;
    }

    public MatchMode getMatchMode() {
        return matchMode;
    }

    public void setMatchMode(MatchMode matchMode) {
        this.matchMode = matchMode;
    }

    public List<ConditionForm> getConditions() {
        return conditions;
    }

    public void setConditions(List<ConditionForm> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    public Aggregation getAggregation() {
        return aggregation;
    }

    public void setAggregation(Aggregation aggregation) {
        this.aggregation = aggregation;
    }

    public Integer getWindowMinutes() {
        return windowMinutes;
    }

    public void setWindowMinutes(Integer windowMinutes) {
        this.windowMinutes = windowMinutes;
    }

    /** Addresses, one a line or separated by commas or semicolons. */
    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
