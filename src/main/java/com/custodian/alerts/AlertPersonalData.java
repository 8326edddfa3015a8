package com.custodian.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.export.TableWriter;
import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.NonPersonalData;
import com.custodian.base.personaldata.PersonalData;
import com.custodian.security.Permission;

/**
 * The alert rules' part of the personal-data contract. A person is on rules by email address,
 * and in the outbox as a recipient; a device is in what the rules fired for it, and on rules that
 * list it. Other recipients of the same rules are other people's data and stay out of an export.
 */
@Component
class AlertPersonalData implements PersonalData, NonPersonalData {

    static final String CATEGORY = "alert rules";
    private static final String MANAGE_DATA_REQUESTS = "hasRole('" + Permission.Names.MANAGE_DATA_REQUESTS + "')";

    private final NamedParameterJdbcTemplate jdbc;
    private final AlertRulesService rules;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final AlertMailer mailer;

    AlertPersonalData(NamedParameterJdbcTemplate jdbc, AlertRulesService rules,
            org.springframework.context.ApplicationEventPublisher events, AlertMailer mailer) {
        this.mailer = mailer;
        this.jdbc = jdbc;
        this.rules = rules;
        this.events = events;
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("alert_recipient", "alert_email", "alert_firing", "alert_rule_device");
    }

    @Override
    public Map<String, String> nonPersonalTables() {
        String rule = "Alert rules and their conditions: names, thresholds and notes written by builders; who receives "
                + "them is in alert_recipient, which devices they list in alert_rule_device";
        return Map.of("alert_rule", rule, "alert_condition", rule);
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(readOnly = true)
    public Holding find(DataSubject subject) {
        List<Text> details = new ArrayList<>();
        long records = 0;
        switch (subject) {
            case DataSubject.Person person -> {
                Map<String, List<String>> byAddress = rules.rulesByAddress(person.emails());
                for (Map.Entry<String, List<String>> address : byAddress.entrySet()) {
                    details.add(Text.of("requests.holding.alert-recipient", address.getKey(), address.getValue().size(),
                            String.join(", ", address.getValue())));
                    records += address.getValue().size();
                }
                long emails = count("select count(*) from alert_email where recipient in (:emails)", "emails",
                        addresses(person.emails()));
                if (emails > 0) {
                    details.add(Text.of("requests.holding.alert-emails", emails));
                    records += emails;
                }
            }
            case DataSubject.Devices devices -> {
                long firings = count("select count(*) from alert_firing f join device d on d.id = f.device_ref "
                        + "where d.device_id in (:devices)", "devices", devices.deviceIds());
                long listed = count("select count(*) from alert_rule_device l join device d on d.id = l.device_ref "
                        + "where d.device_id in (:devices)", "devices", devices.deviceIds());
                if (firings > 0) {
                    details.add(Text.of("requests.holding.alert-firings", firings));
                }
                if (listed > 0) {
                    details.add(Text.of("requests.holding.alert-rule-devices", listed));
                }
                records = firings + listed;
            }
        }
        return new Holding(CATEGORY, records, details);
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(readOnly = true)
    public void export(DataSubject subject, ExportBundle bundle) {
        switch (subject) {
            case DataSubject.Person person -> {
                List<String> emails = addresses(person.emails());
                List<List<String>> onRules = emails.isEmpty() ? List.of() : jdbc.query(
                        "select a.email, r.name, r.enabled, r.note from alert_recipient a join alert_rule r "
                                + "on r.id = a.rule_id where a.email in (:emails) order by a.email, r.name",
                        new MapSqlParameterSource("emails", emails), (rs, row) -> java.util.Arrays.asList(rs.getString(1),
                                rs.getString(2), String.valueOf(rs.getBoolean(3)), rs.getString(4)));
                table(bundle, "alert-rules.csv", List.of("address", "rule", "enabled", "note"), onRules);
                List<List<String>> outbox = emails.isEmpty() ? List.of() : jdbc.query(
                        "select e.recipient, r.name, e.status, e.firings, e.created_at, e.sent_at from alert_email e "
                                + "join alert_rule r on r.id = e.rule_id where e.recipient in (:emails) order by e.id",
                        new MapSqlParameterSource("emails", emails), (rs, row) -> java.util.Arrays.asList(rs.getString(1),
                                rs.getString(2), rs.getString(3), String.valueOf(rs.getInt(4)), text(rs.getObject(5)),
                                text(rs.getObject(6))));
                table(bundle, "alert-emails.csv", List.of("address", "rule", "status", "firings", "createdAt", "sentAt"),
                        outbox);
                bundle.count("alertRulesNamingSubject", onRules.size()).count("alertEmails", outbox.size());
                bundle.included(Text.of("requests.export.included.alert-rules"));
                bundle.included(Text.of("requests.export.included.alert-emails"));
                bundle.excluded(Text.of("requests.export.excluded.other-recipients"));
            }
            case DataSubject.Devices devices -> {
                List<List<String>> firings = devices.deviceIds().isEmpty() ? List.of() : jdbc.query(
                        "select d.device_id, r.name, f.fired_at, f.observed_at, f.observed from alert_firing f "
                                + "join device d on d.id = f.device_ref join alert_rule r on r.id = f.rule_id "
                                + "where d.device_id in (:devices) order by d.device_id, f.fired_at",
                        new MapSqlParameterSource("devices", devices.deviceIds()), (rs, row) -> java.util.Arrays.asList(
                                rs.getString(1), rs.getString(2), text(rs.getObject(3)), text(rs.getObject(4)),
                                com.custodian.base.i18n.StoredText.decode(rs.getString(5)).map(bundle::text)
                                        .orElse(rs.getString(5))));
                table(bundle, "alert-firings.csv", List.of("deviceId", "rule", "firedAt", "observedAt", "observed"),
                        firings);
                bundle.count("alertFirings", firings.size());
                bundle.included(Text.of("requests.export.included.alert-firings"));
            }
        }
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        switch (subject) {
            case DataSubject.Person person -> {
                List<String> emails = addresses(person.emails());
                // Each of the person's addresses (mail and user principal name) on each rule.
                AlertRulesService.RemovedAddresses removed = emails.isEmpty() ? new AlertRulesService.RemovedAddresses(0, 0)
                        : rules.removeAddresses(emails, "erasure");
                counts.put("alertRulesAddressRemovedFrom", (long) removed.rules());
                counts.put("alertRuleAddressesRemoved", (long) removed.addresses());
                // The default run keeps each email sent as a file; those to the person go too, once the
                // erasure has committed (files do not roll back).
                counts.put("alertEmailFilesDeleted", (long) mailer.kept(emails));
                org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                        new org.springframework.transaction.support.TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                mailer.forget(emails);
                            }
                        });
                counts.put("alertEmails", emails.isEmpty() ? 0L : (long) jdbc.update(
                        "delete from alert_email where recipient in (:emails)", new MapSqlParameterSource("emails", emails)));
            }
            case DataSubject.Devices devices -> {
                MapSqlParameterSource ids = new MapSqlParameterSource("devices", devices.deviceIds());
                boolean none = devices.deviceIds().isEmpty();
                counts.put("alertFirings", none ? 0L : (long) jdbc.update("delete from alert_firing where device_ref in "
                        + "(select d.id from device d where d.device_id in (:devices))", ids));
                counts.put("alertRuleTargets", none ? 0L : (long) jdbc.update("delete from alert_rule_device where "
                        + "device_ref in (select d.id from device d where d.device_id in (:devices))", ids));
                events.publishEvent(new RulesChanged());
            }
        }
        return new Erased(CATEGORY, counts);
    }

    private long count(String sql, String name, java.util.Collection<String> values) {
        if (values.isEmpty()) {
            return 0;
        }
        Long count = jdbc.queryForObject(sql, new MapSqlParameterSource(name, values), Long.class);
        return count == null ? 0 : count;
    }

    private static List<String> addresses(Set<String> emails) {
        return emails.stream().map(RuleText::address).distinct().toList();
    }

    private static void table(ExportBundle bundle, String name, List<String> header, List<List<String>> rows) {
        bundle.file(name, out -> {
            try (TableWriter csv = TableWriter.open(ExportFormat.CSV, header, out)) {
                for (List<String> row : rows) {
                    csv.row(row);
                }
            }
        });
    }

    private static String text(Object value) {
        return value == null ? null : value.toString().replace(' ', 'T');
    }
}
