package com.custodian.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "alert_rule")
class AlertRule {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_rule_seq")
    @SequenceGenerator(name = "alert_rule_seq", sequenceName = "alert_rule_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_kind", nullable = false, length = 16)
    private TargetKind targetKind;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "template_id", length = 36)
    private UUID templateId;

    /** Where the rule belongs: it watches devices of this organization and below it. */
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "organization_id", nullable = false, length = 36)
    private UUID organizationId = com.custodian.security.Scope.ROOT;

    @ElementCollection
    @CollectionTable(name = "alert_rule_device", joinColumns = @JoinColumn(name = "rule_id"))
    @Column(name = "device_ref")
    private Set<Long> deviceRefs = new LinkedHashSet<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "match_mode", nullable = false, length = 8)
    private MatchMode matchMode;

    @ElementCollection
    @CollectionTable(name = "alert_condition", joinColumns = @JoinColumn(name = "rule_id"))
    @OrderColumn(name = "position")
    private List<RuleCondition> conditions = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Aggregation aggregation;

    @Column(name = "window_minutes")
    private Integer windowMinutes;

    @ElementCollection
    @CollectionTable(name = "alert_recipient", joinColumns = @JoinColumn(name = "rule_id"))
    @Column(name = "email", length = 254)
    @OrderBy

    private Set<String> recipients = new LinkedHashSet<>();

    @Column(length = 1000)
    private String note;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Written by the outbox only; a save of the rule never writes it back. */
    @Column(name = "last_fired_at", insertable = false, updatable = false)
    private Instant lastFiredAt;

    @Version
    private Long version;

    protected AlertRule() {
    }

    AlertRule(Instant createdAt) {
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Takes the form's settings; the form has been validated. */
    void apply(RuleForm form, Instant at) {
        name = form.getName().strip();
        organizationId = form.getOrganizationId();
        enabled = form.isEnabled();
        targetKind = form.getTargetKind();
        templateId = targetKind == TargetKind.TEMPLATE ? form.getTemplateId() : null;
        deviceRefs.clear();
        if (targetKind == TargetKind.DEVICES) {
            deviceRefs.addAll(form.getDeviceRefs());
        }
        matchMode = form.getMatchMode();
        conditions.clear();
        form.getConditions().forEach(condition -> conditions.add(new RuleCondition(condition.getField(),
                condition.getOperator(), Double.parseDouble(condition.getThreshold().strip()))));
        aggregation = form.getAggregation();
        windowMinutes = aggregation == Aggregation.NONE ? null : form.getWindowMinutes();
        recipients.clear();
        recipients.addAll(RuleValidation.addresses(form.getRecipients()));
        note = form.getNote() == null || form.getNote().isBlank() ? null : form.getNote().strip();
        updatedAt = at;
    }

    RuleForm toForm() {
        RuleForm form = new RuleForm();
        form.setId(id);
        form.setVersion(version);
        form.setName(name);
        form.setOrganizationId(organizationId);
        form.setEnabled(enabled);
        form.setTargetKind(targetKind);
        form.setTemplateId(templateId);
        form.setDeviceRefs(new LinkedHashSet<>(deviceRefs));
        form.setMatchMode(matchMode);
        form.setConditions(new ArrayList<>(conditions.stream().map(RuleCondition::toSpec)
                .map(RuleForm.ConditionForm::of).toList()));
        form.setAggregation(aggregation);
        form.setWindowMinutes(windowMinutes);
        form.setRecipients(String.join("\n", recipients));
        form.setNote(note);
        return form;
    }

    /** The rule as the evaluator holds it, watching everywhere (for texts about its conditions). */
    ActiveRule toActive() {
        return toActive(null);
    }

    /** @param organizations those whose devices it watches: its own and below it; null for all */
    ActiveRule toActive(Set<UUID> organizations) {
        return new ActiveRule(id, name, targetKind, templateId, Set.copyOf(deviceRefs), matchMode,
                conditions.stream().map(RuleCondition::toSpec).toList(), aggregation, windowMinutes,
                organizations == null ? null : Set.copyOf(organizations));
    }

    UUID getOrganizationId() {
        return organizationId;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled, Instant at) {
        this.enabled = enabled;
        this.updatedAt = at;
    }

    TargetKind getTargetKind() {
        return targetKind;
    }

    UUID getTemplateId() {
        return templateId;
    }

    Set<Long> getDeviceRefs() {
        return deviceRefs;
    }

    Set<String> getRecipients() {
        return recipients;
    }

    List<RuleCondition> getConditions() {
        return conditions;
    }

    Aggregation getAggregation() {
        return aggregation;
    }

    Integer getWindowMinutes() {
        return windowMinutes;
    }

    String getNote() {
        return note;
    }

    Instant getLastFiredAt() {
        return lastFiredAt;
    }

    Long getVersion() {
        return version;
    }
}
