package com.custodian.devices;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads about devices for other features' services (alert rules): templates, device names and
 * window aggregates of telemetry. It checks no permission: its callers are services that
 * authorize their own callers, or the application itself (rule evaluation).
 */
@Service
public class DeviceCatalog {

    /** A device's identifiers and template. */
    public record DeviceName(long ref, String deviceId, String displayName, UUID templateId, UUID organizationId) {
    }

    /** One device's values of one field over a window. */
    public record WindowAggregate(long deviceRef, String field, double average, double min, double max, long count) {
    }

    private final DeviceTemplateRepository templates;
    private final DeviceRepository devices;
    private final NamedParameterJdbcTemplate jdbc;

    DeviceCatalog(DeviceTemplateRepository templates, DeviceRepository devices, NamedParameterJdbcTemplate jdbc) {
        this.templates = templates;
        this.devices = devices;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<TemplateSummary> template(UUID id) {
        return id == null ? Optional.empty() : templates.findById(id).map(DeviceTemplate::toSummary);
    }

    @Transactional(readOnly = true)
    public List<TemplateSummary> allTemplates() {
        return templates.findAll().stream().map(DeviceTemplate::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public Map<Long, DeviceName> names(Collection<Long> refs) {
        Map<Long, DeviceName> names = new LinkedHashMap<>();
        if (!refs.isEmpty()) {
            devices.findWithTemplates(refs).forEach(device -> names.put(device.getId(), new DeviceName(device.getId(),
                    device.getDeviceId(), device.getDisplayName(), device.getTemplate().getId(),
                    device.getOrganizationId())));
        }
        return names;
    }

    /** The distinct templates of the devices. */
    @Transactional(readOnly = true)
    public List<TemplateSummary> templatesOf(Collection<Long> refs) {
        Map<UUID, TemplateSummary> found = new LinkedHashMap<>();
        if (!refs.isEmpty()) {
            devices.findWithTemplates(refs).forEach(device -> found.putIfAbsent(device.getTemplate().getId(),
                    device.getTemplate().toSummary()));
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Average, minimum, maximum and count of numeric values in [from, to), per device and field, in
     * one statement: for the devices listed, or those of a template, or all (both null); only those
     * of the organizations given, unless null.
     */
    @Transactional(readOnly = true)
    public List<WindowAggregate> aggregates(Collection<Long> deviceRefs, UUID templateId,
            Collection<UUID> organizations, Set<String> fields, Instant from, Instant to) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("fields", fields)
                .addValue("from", LocalDateTime.ofInstant(from, ZoneOffset.UTC))
                .addValue("to", LocalDateTime.ofInstant(to, ZoneOffset.UTC));
        String where = "t.field in (:fields) and t.ts >= :from and t.ts < :to and t.num_value is not null";
        if (deviceRefs != null) {
            if (deviceRefs.isEmpty()) {
                return List.of();
            }
            where += " and t.device_ref in (:devices)";
            parameters.addValue("devices", deviceRefs);
        } else if (templateId != null) {
            where += " and t.device_ref in (select d.id from device d where d.template_id = :template)";
            parameters.addValue("template", templateId.toString());
        }
        if (organizations != null) {
            if (organizations.isEmpty()) {
                return List.of();
            }
            where += " and t.device_ref in (select d.id from device d where d.organization_id in (:organizations))";
            parameters.addValue("organizations", organizations.stream().map(UUID::toString).toList());
        }
        return jdbc.query("select t.device_ref, t.field, avg(t.num_value), min(t.num_value), max(t.num_value), count(*) "
                + "from telemetry t where " + where + " group by t.device_ref, t.field", parameters,
                (rs, row) -> new WindowAggregate(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getLong(6)));
    }
}
