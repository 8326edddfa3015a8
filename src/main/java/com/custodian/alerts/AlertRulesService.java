package com.custodian.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Text;
import com.custodian.devices.DeviceCatalog;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TemplateSummary;
import com.custodian.organizations.OrganizationsService;
import com.custodian.organizations.Reach;
import com.custodian.security.Permission;
import com.custodian.security.Scope;

import jakarta.persistence.EntityManager;

/**
 * Alert rules: listed and read by those who view them, saved, enabled and deleted by those who
 * manage them; and the addresses stored on them, which can be removed from or replaced on every
 * rule in one statement each, however many rules carry them.
 */
@Service
public class AlertRulesService {

    /** Audit trail actions (not texts for people). */
    private static final String RULE_CREATED = "alert-rule.created";
    private static final String RULE_CHANGED = "alert-rule.changed";
    private static final String RULE_ENABLED = "alert-rule.enabled";
    private static final String RULE_DISABLED = "alert-rule.disabled";

    static final String VIEW = "hasRole('" + Permission.Names.VIEW_ALERT_RULES + "')";
    static final String MANAGE = "hasRole('" + Permission.Names.MANAGE_ALERT_RULES + "')";
    public static final int MAX_PAGE_SIZE = 200;

    private final AlertRuleRepository rules;
    private final DeviceCatalog catalog;
    private final NamedParameterJdbcTemplate jdbc;
    private final EntityManager entityManager;
    private final ApplicationEventPublisher events;
    private final RecipientCheck recipientCheck;
    private final Clock clock;
    private final com.custodian.audit.AuditTrail audit;
    private final OrganizationsService organizations;

    AlertRulesService(AlertRuleRepository rules, DeviceCatalog catalog, NamedParameterJdbcTemplate jdbc,
            EntityManager entityManager, ApplicationEventPublisher events, RecipientCheck recipientCheck, Clock clock,
            com.custodian.audit.AuditTrail audit, OrganizationsService organizations) {
        this.organizations = organizations;
        this.audit = audit;
        this.rules = rules;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.events = events;
        this.recipientCheck = recipientCheck;
        this.clock = clock;
    }

    /**
     * A page of the rules of the organizations the caller sees (their own and below), by name,
     * optionally those whose name contains the text.
     */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<RuleRow> listRules(String text, int offset, int limit) {
        if (limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " rules");
        }
        String filter = like(text);
        List<java.util.UUID> reach = organizations.reach(Permission.VIEW_ALERT_RULES).restriction();
        var query = entityManager.createQuery("select r.id from AlertRule r" + ruleConditions(filter, reach)
                + " order by lower(r.name), r.id", Long.class).setFirstResult(offset).setMaxResults(limit);
        bindRuleConditions(query, filter, reach);
        List<Long> ids = query.getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, AlertRule> byId = new LinkedHashMap<>();
        entityManager.createQuery("select distinct r from AlertRule r left join fetch r.recipients where r.id in :ids",
                AlertRule.class).setParameter("ids", ids).getResultList().forEach(rule -> byId.put(rule.getId(), rule));
        Map<java.util.UUID, String> templateNames = new java.util.HashMap<>();
        Set<Long> listedDevices = new LinkedHashSet<>();
        byId.values().forEach(rule -> listedDevices.addAll(rule.getDeviceRefs()));
        Map<Long, DeviceCatalog.DeviceName> deviceNames = catalog.names(listedDevices);
        return ids.stream().map(byId::get).map(rule -> new RuleRow(rule.getId(), rule.getName(), rule.isEnabled(),
                target(rule, templateNames, deviceNames), summary(rule),
                List.copyOf(rule.getRecipients()), rule.getLastFiredAt(), rule.getVersion(), rule.getOrganizationId()))
                .toList();
    }

    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public long countRules(String text) {
        String filter = like(text);
        List<java.util.UUID> reach = organizations.reach(Permission.VIEW_ALERT_RULES).restriction();
        var query = entityManager.createQuery("select count(r) from AlertRule r" + ruleConditions(filter, reach),
                Long.class);
        bindRuleConditions(query, filter, reach);
        return query.getSingleResult();
    }

    private static String ruleConditions(String filter, List<java.util.UUID> reach) {
        List<String> conditions = new ArrayList<>();
        if (filter != null) {
            conditions.add("lower(r.name) like :text escape '!'");
        }
        if (reach != null) {
            conditions.add("r.organizationId in :organizations");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void bindRuleConditions(jakarta.persistence.Query query, String filter, List<java.util.UUID> reach) {
        if (filter != null) {
            query.setParameter("text", filter);
        }
        if (reach != null) {
            // An organization that exists has an ID; none matches this one.
            query.setParameter("organizations", reach.isEmpty() ? List.of(new java.util.UUID(0, 0)) : reach);
        }
    }

    /** The rule as the editor shows it; one of an organization the caller does not see is gone for them. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public RuleForm rule(long id) {
        return rules.findById(id).filter(rule -> organizations.reaches(Permission.VIEW_ALERT_RULES,
                rule.getOrganizationId())).orElseThrow(() -> new InvalidRuleException("version",
                        Text.of("alerts.problem.rule-gone"))).toForm();
    }

    /** What the editor shows next to its fields; empty when the rule can be saved. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public Map<String, Text> problems(RuleForm form) {
        Map<String, Text> problems = new LinkedHashMap<>(RuleValidation.problems(form, this::templatesOf));
        // A rule belongs to an organization the caller manages rules in, and watches only its devices.
        if (!organizations.reaches(Permission.MANAGE_ALERT_RULES, form.getOrganizationId())) {
            problems.put("organization", Text.of("alerts.problem.organization"));
        } else if (form.getTargetKind() == TargetKind.DEVICES && !problems.containsKey("devices")
                && !Scope.ROOT.equals(form.getOrganizationId())) {
            Set<java.util.UUID> subtree = new java.util.HashSet<>(organizations.subtree(form.getOrganizationId()));
            List<String> outside = catalog.names(form.getDeviceRefs()).values().stream()
                    .filter(device -> !subtree.contains(device.organizationId()))
                    .map(DeviceCatalog.DeviceName::deviceId).sorted().toList();
            if (!outside.isEmpty()) {
                problems.put("devices", Text.of("alerts.problem.device-outside", String.join(", ", outside)));
            }
        }
        // A device or template may have gone since the editor opened.
        if (form.getTargetKind() == TargetKind.DEVICES && !problems.containsKey("devices")
                && catalog.names(form.getDeviceRefs()).size() != form.getDeviceRefs().size()) {
            problems.put("devices", Text.of("alerts.problem.device-gone"));
        }
        if (form.getTargetKind() == TargetKind.TEMPLATE && !problems.containsKey("template")
                && catalog.template(form.getTemplateId()).isEmpty()) {
            problems.put("template", Text.of("alerts.problem.template-gone"));
        }
        if (!problems.containsKey("name")) {
            rules.findByNameIgnoreCase(form.getName().strip()).filter(other -> !other.getId().equals(form.getId()))
                    .ifPresent(other -> problems.put("name", Text.of("alerts.problem.name-taken", other.getName())));
        }
        return problems;
    }

    /**
     * Saves a new rule or changes to one.
     *
     * @throws InvalidRuleException with a message per field at fault, or under "version" when
     *         someone else changed or deleted the rule since it was opened; nothing is stored
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public RuleForm save(RuleForm form) {
        Map<String, Text> problems = problems(form);
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        AlertRule rule;
        if (form.isNew()) {
            rule = new AlertRule(clock.instant());
        } else {
            rule = rules.findById(form.getId())
                    .filter(found -> organizations.reaches(Permission.MANAGE_ALERT_RULES, found.getOrganizationId()))
                    .orElseThrow(() -> new InvalidRuleException("version", Text.of("alerts.problem.deleted-meanwhile")));
            if (!rule.getVersion().equals(form.getVersion())) {
                throw changedMeanwhile();
            }
        }
        rule.apply(form, clock.instant());
        try {
            rule = rules.saveAndFlush(rule);
        } catch (OptimisticLockingFailureException e) {
            throw changedMeanwhile();
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT).contains("uq_alert_rule_name")) {
                throw new InvalidRuleException("name", Text.of("alerts.problem.name-taken", form.getName().strip()));
            }
            throw new InvalidRuleException("version", Text.of("alerts.problem.target-removed-meanwhile"));
        }
        events.publishEvent(new RulesChanged());
        audit.done(form.isNew() ? RULE_CREATED : RULE_CHANGED, rule.getId(), rule.getName());
        return rule.toForm();
    }

    @PreAuthorize(MANAGE)
    @Transactional
    public void setEnabled(Collection<Long> ids, boolean enabled) {
        Reach reach = organizations.reach(Permission.MANAGE_ALERT_RULES);
        List<AlertRule> changing = rules.findAllById(ids).stream().filter(rule -> reach.includes(rule.getOrganizationId()))
                .filter(rule -> rule.isEnabled() != enabled).toList();
        if (changing.isEmpty()) {
            return;
        }
        changing.forEach(rule -> {
            rule.setEnabled(enabled, clock.instant());
            audit.done(enabled ? RULE_ENABLED : RULE_DISABLED, rule.getId(), rule.getName());
        });
        events.publishEvent(new RulesChanged());
    }

    /** Deletes the rules with what they fired and their unsent emails. */
    @PreAuthorize(MANAGE)
    @Transactional
    public int deleteRules(Collection<Long> ids) {
        Reach reach = organizations.reach(Permission.MANAGE_ALERT_RULES);
        // Rules of organizations the caller does not manage are not there for them.
        List<Long> existing = ids.isEmpty() ? List.of() : rules.findAllById(new LinkedHashSet<>(ids)).stream()
                .filter(rule -> reach.includes(rule.getOrganizationId())).map(AlertRule::getId).sorted().toList();
        if (existing.isEmpty()) {
            return 0;
        }
        audit.doneForEach("alert-rule.deleted", existing, null);
        int deleted = rules.deleteByIds(existing);
        events.publishEvent(new RulesChanged());
        return deleted;
    }

    /** Every address stored on a rule, the rules it is on, and whether it receives their emails. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<RecipientRow> recipients() {
        Map<String, List<String>> rulesByAddress = new TreeMap<>();
        Map<String, Object> parameters = new java.util.HashMap<>();
        jdbc.query("select a.email, r.name from alert_recipient a join alert_rule r on r.id = a.rule_id"
                + recipientConditions(null, parameters) + " order by a.email, lower(r.name)", parameters, rs -> {
                    rulesByAddress.computeIfAbsent(rs.getString(1), email -> new ArrayList<>()).add(rs.getString(2));
                });
        return rulesByAddress.entrySet().stream()
                .map(entry -> new RecipientRow(entry.getKey(), entry.getValue(), recipientCheck.status(entry.getKey())))
                .toList();
    }

    /**
     * A page of the stored addresses, by address, optionally those whose address or one of whose
     * rules' names contains the text: two statements whatever the page or the depth (the page's
     * addresses with their rules, and whether their people are signed-in users).
     */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<RecipientRow> recipients(String text, int offset, int limit) {
        if (limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " addresses");
        }
        Map<String, Object> parameters = new java.util.HashMap<>();
        String where = recipientConditions(text, parameters);
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        // Each address with all its rules' names (not only those the filter matched), in one statement.
        Map<String, List<String>> rulesByAddress = new LinkedHashMap<>();
        jdbc.query("select a.email, group_concat(r.name order by lower(r.name), r.id separator '" + NAME_SEPARATOR
                + "') from alert_recipient a join alert_rule r on r.id = a.rule_id" + where
                + " group by a.email order by a.email limit :limit offset :offset", parameters, rs -> {
                    rulesByAddress.put(rs.getString(1), List.of(rs.getString(2).split(NAME_SEPARATOR)));
                });
        if (rulesByAddress.isEmpty()) {
            return List.of();
        }
        List<String> emails = List.copyOf(rulesByAddress.keySet());
        Map<String, RecipientStatus> statuses = recipientCheck.statuses(emails);
        return rulesByAddress.entrySet().stream()
                .map(entry -> new RecipientRow(entry.getKey(), entry.getValue(), statuses.get(entry.getKey())))
                .toList();
    }

    /** Between rule names in one column: a control character, which names never hold. */
    private static final String NAME_SEPARATOR = "\u001f";

    /** How many addresses {@link #recipients(String, int, int)} pages through: one statement. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public long countRecipients(String text) {
        Map<String, Object> parameters = new java.util.HashMap<>();
        Long count = jdbc.queryForObject("select count(distinct a.email) from alert_recipient a join alert_rule r "
                + "on r.id = a.rule_id" + recipientConditions(text, parameters), parameters, Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The addresses on rules the caller sees (of their organizations and below), optionally those
     * whose text matches or any of whose (seen) rules is named so.
     */
    private String recipientConditions(String text, Map<String, Object> parameters) {
        List<java.util.UUID> reach = organizations.reach(Permission.VIEW_ALERT_RULES).restriction();
        String seen = "";
        if (reach != null) {
            parameters.put("organizations", reach.isEmpty() ? List.of("") : reach.stream().map(Object::toString).toList());
            seen = " and r.organization_id in (:organizations)";
        }
        String filter = like(text);
        if (filter == null) {
            return seen.isEmpty() ? "" : " where" + seen.substring(4);
        }
        parameters.put("text", filter);
        return " where a.email in (select a2.email from alert_recipient a2 join alert_rule r2 on r2.id = a2.rule_id "
                + "where (a2.email like :text escape '!' or lower(r2.name) like :text escape '!')"
                + seen.replace("r.", "r2.") + ")" + seen;
    }

    /** The names of the rules that carry any of the addresses. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<String> rulesNaming(Collection<String> emails) {
        return rulesCarrying(emails, organizations.reach(Permission.VIEW_ALERT_RULES).restriction()).values().stream()
                .distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /**
     * How many rules carry the address that the caller may not change (of organizations where they
     * do not manage rules): after "remove from all rules", those still carry it.
     */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public int rulesOutOfReachCarrying(String email) {
        Reach reach = organizations.reach(Permission.MANAGE_ALERT_RULES);
        if (reach.everywhere()) {
            return 0;
        }
        return rulesCarrying(List.of(email)).size() - rulesCarrying(List.of(email), reach.restriction()).size();
    }

    /**
     * Takes the address off every rule, in a constant number of statements.
     *
     * @return how many rules carried it
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public int removeAddress(String email) {
        return removeAddresses(List.of(email), "recipients-page",
                organizations.reach(Permission.MANAGE_ALERT_RULES).restriction()).rules();
    }

    /**
     * Replaces the address on every rule; on a rule that already has the new address, the old one
     * simply goes.
     *
     * @return how many rules carried the old address
     * @throws InvalidRuleException under "recipients" when the new address is not valid
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public int replaceAddress(String from, String to) {
        RuleValidation.addressProblem(to).ifPresent(problem -> {
            throw new InvalidRuleException("recipients", problem);
        });
        String old = RuleText.address(from);
        String replacement = RuleText.address(to);
        if (old.equals(replacement)) {
            return 0;
        }
        List<Long> carrying = new ArrayList<>(rulesCarrying(List.of(old),
                organizations.reach(Permission.MANAGE_ALERT_RULES).restriction()).keySet());
        if (carrying.isEmpty()) {
            return 0;
        }
        List<Long> havingBoth = jdbc.queryForList("select rule_id from alert_recipient where email = :to and rule_id "
                + "in (:rules)", new MapSqlParameterSource("to", replacement).addValue("rules", carrying), Long.class);
        bumpVersions(carrying);
        MapSqlParameterSource parameters = new MapSqlParameterSource("from", old).addValue("to", replacement);
        if (!havingBoth.isEmpty()) {
            jdbc.update("delete from alert_recipient where email = :from and rule_id in (:both)",
                    parameters.addValue("both", havingBoth));
        }
        jdbc.update("update alert_recipient set email = :to where email = :from and rule_id in (:rules)",
                parameters.addValue("rules", carrying));
        events.publishEvent(new AlertRecipientsRemoved(carrying, "address replaced on the alert recipients page"));
        audit.doneForEach("alert-rule.address-replaced", carrying, null);
        events.publishEvent(new RulesChanged());
        return carrying.size();
    }

    /**
     * Takes the addresses off every rule (no permission check: callers authorize).
     *
     * @param reason why: {@code recipients-page}, {@code user-deleted} or {@code erasure}
     */
    RemovedAddresses removeAddresses(Collection<String> emails, String reason) {
        return removeAddresses(emails, reason, null);
    }

    /** How many rules carried the addresses, and how many addresses went from them in all. */
    record RemovedAddresses(int rules, int addresses) {
    }

    /** As {@link #removeAddresses(Collection, String)}, from the rules of these organizations only (all when null). */
    private RemovedAddresses removeAddresses(Collection<String> emails, String reason,
            List<java.util.UUID> organizationsOnly) {
        Set<String> addresses = new LinkedHashSet<>();
        emails.forEach(email -> addresses.add(RuleText.address(email)));
        List<Long> carrying = new ArrayList<>(new LinkedHashSet<>(rulesCarrying(addresses, organizationsOnly).keySet()));
        if (carrying.isEmpty()) {
            return new RemovedAddresses(0, 0);
        }
        bumpVersions(carrying);
        int removed = jdbc.update("delete from alert_recipient where email in (:emails) and rule_id in (:rules)",
                new MapSqlParameterSource("emails", addresses).addValue("rules", carrying));
        events.publishEvent(new AlertRecipientsRemoved(carrying, reason));
        events.publishEvent(new RulesChanged());
        audit.doneForEachSaying("alert-rule.address-removed", carrying, Text.of("audit.detail.address-removed." + reason));
        return new RemovedAddresses(carrying.size(), removed);
    }

    /** Address → names of the rules carrying it, for the addresses given (one statement). */
    Map<String, List<String>> rulesByAddress(Collection<String> emails) {
        Map<String, List<String>> byAddress = new LinkedHashMap<>();
        if (emails.isEmpty()) {
            return byAddress;
        }
        jdbc.query("select a.email, r.name from alert_rule r join alert_recipient a on a.rule_id = r.id "
                + "where a.email in (:emails) order by a.email, lower(r.name)", new MapSqlParameterSource("emails",
                        emails.stream().map(RuleText::address).toList()),
                rs -> {
                    byAddress.computeIfAbsent(rs.getString(1), email -> new ArrayList<>()).add(rs.getString(2));
                });
        return byAddress;
    }

    /** Rule ID → name, of the rules carrying any of the addresses (one statement). */
    Map<Long, String> rulesCarrying(Collection<String> emails) {
        return rulesCarrying(emails, null);
    }

    /** As {@link #rulesCarrying(Collection)}, of the rules of these organizations only (all when null). */
    private Map<Long, String> rulesCarrying(Collection<String> emails, List<java.util.UUID> organizationsOnly) {
        Map<Long, String> carrying = new LinkedHashMap<>();
        if (emails.isEmpty() || (organizationsOnly != null && organizationsOnly.isEmpty())) {
            return carrying;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("emails",
                emails.stream().map(RuleText::address).toList());
        if (organizationsOnly != null) {
            parameters.addValue("organizations", organizationsOnly.stream().map(Object::toString).toList());
        }
        jdbc.query("select distinct r.id, r.name from alert_rule r join alert_recipient a on a.rule_id = r.id "
                + "where a.email in (:emails)" + (organizationsOnly == null ? ""
                        : " and r.organization_id in (:organizations)") + " order by r.id", parameters,
                rs -> {
                    carrying.put(rs.getLong(1), rs.getString(2));
                });
        return carrying;
    }

    /** An editor holding one of these rules must reload before saving over the change. */
    private void bumpVersions(List<Long> ruleIds) {
        jdbc.update("update alert_rule set version = version + 1, updated_at = :now where id in (:rules)",
                new MapSqlParameterSource("rules", ruleIds).addValue("now",
                        java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));
    }

    private List<TemplateSummary> templatesOf(RuleForm form) {
        return switch (form.getTargetKind()) {
            case TEMPLATE -> catalog.template(form.getTemplateId()).map(List::of).orElse(List.of());
            case DEVICES -> catalog.templatesOf(form.getDeviceRefs());
            case ALL -> List.of(anyTemplate());
        };
    }

    /** For a rule on all devices: a field counts if any template has it (numeric in one of them). */
    private TemplateSummary anyTemplate() {
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (TemplateSummary template : catalog.allTemplates()) {
            for (FieldSpec field : template.fields()) {
                fields.merge(field.name(), field, (kept, other) -> kept.type() == FieldType.TEXT ? other : kept);
            }
        }
        return new TemplateSummary(null, "of any device", List.copyOf(fields.values()));
    }

    private Text target(AlertRule rule, Map<java.util.UUID, String> templateNames,
            Map<Long, DeviceCatalog.DeviceName> deviceNames) {
        return switch (rule.getTargetKind()) {
            case ALL -> Text.of("alerts.target.all");
            case TEMPLATE -> {
                String name = templateNames.computeIfAbsent(rule.getTemplateId(),
                        id -> catalog.template(id).map(TemplateSummary::name).orElse(""));
                yield name.isEmpty() ? Text.of("alerts.summary.template-deleted") : Text.of("alerts.summary.template", name);
            }
            case DEVICES -> rule.getDeviceRefs().stream().map(deviceNames::get).filter(java.util.Objects::nonNull)
                    .map(DeviceCatalog.DeviceName::deviceId).sorted().reduce((a, b) -> a + ", " + b)
                    .map(ids -> Text.of("alerts.summary.devices", ids)).orElse(Text.of("alerts.summary.no-devices"));
        };
    }

    /** The rule's conditions as a sentence: "temperature > 30 and humidity < 20 (average over 10 min)". */
    private static Text summary(AlertRule rule) {
        ActiveRule active = rule.toActive();
        Object conditions = Text.joined(active.matchMode() == MatchMode.ALL ? "alerts.summary.and" : "alerts.summary.or",
                active.conditions().stream().map(ConditionSpec::text).toList());
        return Text.of("alerts.summary.window." + rule.getAggregation().name(), conditions,
                rule.getWindowMinutes() == null ? 0 : rule.getWindowMinutes());
    }

    private static InvalidRuleException changedMeanwhile() {
        return new InvalidRuleException("version", Text.of("alerts.problem.changed-meanwhile"));
    }

    private static String like(String text) {
        String filter = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return filter.isEmpty() ? null
                : "%" + filter.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
