package com.custodian.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import com.custodian.base.personaldata.PersonalData;
import com.custodian.security.Permission;

/**
 * The audit trail names people by object ID, as actors and as targets. A subject sees the entries
 * that name them; an erasure keeps the entries (they are the record of what was done) but replaces
 * the object ID by a pseudonym (the data request gives its own, first).
 */
@Component
class AuditPersonalData implements PersonalData {

    static final String CATEGORY = AuditTrail.CATEGORY;
    private static final String MANAGE = "hasRole('" + Permission.Names.MANAGE_DATA_REQUESTS + "')";

    private final NamedParameterJdbcTemplate jdbc;

    AuditPersonalData(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("audit_entry");
    }

    @Override
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public Holding find(DataSubject subject) {
        List<String> ids = ids(subject);
        if (ids.isEmpty()) {
            return Holding.none(CATEGORY);
        }
        Long entries = jdbc.queryForObject("select count(*) from audit_entry where actor in (:ids) or target in (:ids)",
                new MapSqlParameterSource("ids", ids), Long.class);
        long count = entries == null ? 0 : entries;
        return new Holding(CATEGORY, count, count == 0 ? List.of()
                : List.of(Text.of("requests.holding.audit-entries", count)));
    }

    @Override
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public void export(DataSubject subject, ExportBundle bundle) {
        List<String> ids = ids(subject);
        List<List<String>> rows = ids.isEmpty() ? List.of() : jdbc.query("select at, actor, action, target, outcome "
                + "from audit_entry where actor in (:ids) or target in (:ids) order by id",
                new MapSqlParameterSource("ids", ids), (rs, row) -> java.util.Arrays.asList(String.valueOf(rs.getObject(1)),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        bundle.file("audit-entries.csv", out -> {
            try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("at", "actor", "action", "target",
                    "outcome"), out)) {
                rows.forEach(csv::row);
            }
        });
        bundle.count("auditEntries", rows.size());
        bundle.included(Text.of("requests.export.included.audit-entries"));
    }

    @Override
    @PreAuthorize(MANAGE)
    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(DataSubject subject) {
        List<String> ids = ids(subject);
        long changed = 0;
        for (String id : ids) {
            MapSqlParameterSource parameters = new MapSqlParameterSource("id", id).addValue("pseudonym", "erased subject");
            changed += jdbc.update("update audit_entry set actor = :pseudonym where actor = :id", parameters);
            changed += jdbc.update("update audit_entry set target = :pseudonym where target = :id", parameters);
        }
        return new Erased(CATEGORY, Map.of("auditEntriesPseudonymised", changed));
    }

    private static List<String> ids(DataSubject subject) {
        return switch (subject) {
            case DataSubject.Person person -> person.objectIds().stream().map(UUID::toString).toList();
            case DataSubject.Devices devices -> List.copyOf(devices.deviceIds());
        };
    }
}
