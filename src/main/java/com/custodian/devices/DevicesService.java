package com.custodian.devices;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;

import jakarta.persistence.EntityManager;

/**
 * The device registry: listing, creating (with a key shown once), new keys, enabling, deleting,
 * and what a device has sent.
 */
@Service
public class DevicesService {

    /** Audit trail actions (not texts for people). */
    private static final String DEVICE_ENABLED = "device.enabled";
    private static final String DEVICE_DISABLED = "device.disabled";

    public static final int MAX_PAGE_SIZE = 500;
    public static final int MAX_AT_ONCE = 10_000;
    public static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    public static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
    private static final String VIEW = "hasRole('" + Permission.Names.VIEW_DEVICES + "')";
    private static final String MANAGE = "hasRole('" + Permission.Names.MANAGE_DEVICES + "')";

    private final DeviceRepository devices;
    private final DeviceTemplateRepository templates;
    private final TelemetryStore telemetry;
    private final EntityManager entityManager;
    private final Clock clock;
    private final DeviceCredentials credentials;
    private final CurrentUser currentUser;

    private final com.custodian.audit.AuditTrail audit;
    private final com.custodian.organizations.OrganizationsService organizations;
    private final DeviceReach reach;

    DevicesService(DeviceRepository devices, DeviceTemplateRepository templates, TelemetryStore telemetry,
            EntityManager entityManager, Clock clock, DeviceCredentials credentials, CurrentUser currentUser,
            com.custodian.audit.AuditTrail audit, com.custodian.organizations.OrganizationsService organizations,
            DeviceReach reach) {
        this.reach = reach;
        this.organizations = organizations;
        this.audit = audit;
        this.currentUser = currentUser;
        this.credentials = credentials;
        this.devices = devices;
        this.templates = templates;
        this.telemetry = telemetry;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * A page of the devices the caller sees (those of the organizations their permission was given
     * in, and below), newest first, optionally those whose ID or name contains the text: one
     * statement, and one more for the caller's organizations unless they see everything.
     */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<DeviceRow> listDevices(String text, int offset, int limit) {
        return listDevices(text, null, offset, limit);
    }

    /**
     * As {@link #listDevices(String, int, int)}, only the devices of an organization and of those
     * below it (when {@code organizationId} is not null): at most two statements, one the page and
     * one the organizations it may show.
     */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<DeviceRow> listDevices(String text, UUID organizationId, int offset, int limit) {
        if (limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " devices");
        }
        DeviceFilter filter = DeviceFilter.of(text, reach.reach(Permission.VIEW_DEVICES, organizationId).restriction());
        // Rows straight from the statement: no entities, so no template fields loaded with them.
        var query = entityManager.createQuery("select new com.custodian.devices.DeviceRow(d.id, d.deviceId, "
                + "d.displayName, t.id, t.name, d.enabled, d.createdAt, d.lastSeenAt, d.keyCreatedAt, d.version, "
                + "d.organizationId) from Device d join d.template t" + filter.where()
                + " order by d.createdAt desc, d.id desc", DeviceRow.class)
                .setFirstResult(offset).setMaxResults(limit);
        filter.bind(query);
        return sharingRepeatedValues(query.getResultList());
    }

    /**
     * The page's rows with one instance of each template ID, template name and organization ID: the
     * statement gives every row its own copies, a fleet has few templates and organizations, and a
     * grid keeps its rows for as long as the page is open (about 100 bytes a row in every session).
     */
    private static List<DeviceRow> sharingRepeatedValues(List<DeviceRow> rows) {
        Map<Object, Object> instances = new HashMap<>();
        return rows.stream().map(row -> new DeviceRow(row.id(), row.deviceId(), row.displayName(),
                oneInstance(instances, row.templateId()), oneInstance(instances, row.templateName()), row.enabled(),
                row.createdAt(), row.lastSeenAt(), row.keyCreatedAt(), row.version(),
                oneInstance(instances, row.organizationId()))).toList();
    }

    @SuppressWarnings("unchecked")
    private static <V> V oneInstance(Map<Object, Object> instances, V value) {
        return value == null ? null : (V) instances.computeIfAbsent(value, equal -> equal);
    }

    /** How many devices {@link #listDevices} finds for the text: one statement. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public long countDevices(String text) {
        return countDevices(text, null);
    }

    /** How many devices {@link #listDevices(String, UUID, int, int)} finds. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public long countDevices(String text, UUID organizationId) {
        DeviceFilter filter = DeviceFilter.of(text, reach.reach(Permission.VIEW_DEVICES, organizationId).restriction());
        var query = entityManager.createQuery("select count(d) from Device d" + filter.where(), Long.class);
        filter.bind(query);
        return query.getSingleResult();
    }

    /** A devices query's conditions: text in the ID or name, and the organizations of a subtree. */
    private record DeviceFilter(String text, List<UUID> organizations) {

        static DeviceFilter of(String text, List<UUID> organizations) {
            return new DeviceFilter(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT), organizations);
        }

        String where() {
            List<String> conditions = new java.util.ArrayList<>();
            if (!text.isEmpty()) {
                conditions.add("(lower(d.deviceId) like :text escape '!' or lower(d.displayName) like :text escape '!')");
            }
            if (organizations != null) {
                conditions.add("d.organizationId in :organizations");
            }
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }

        void bind(jakarta.persistence.Query query) {
            if (!text.isEmpty()) {
                query.setParameter("text", "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            if (organizations != null) {
                // An organization that no longer exists has no devices.
                query.setParameter("organizations", organizations.isEmpty() ? List.of(new UUID(0, 0)) : organizations);
            }
        }
    }

    /** The devices with these row IDs (those that still exist), in one statement. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<DeviceRow> devices(Collection<Long> ids) {
        Set<Long> seen = ids.isEmpty() ? Set.of() : reach.filter(ids, Permission.VIEW_DEVICES);
        return seen.isEmpty() ? List.of() : devices.findWithTemplates(seen).stream().map(DevicesService::toRow).toList();
    }

    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public DeviceRow device(String deviceId) {
        return toRow(find(deviceId, Permission.VIEW_DEVICES));
    }

    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<TemplateSummary> templates() {
        return templates.findAll().stream().map(DeviceTemplate::toSummary)
                .sorted(java.util.Comparator.comparing(TemplateSummary::name)).toList();
    }

    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public TemplateSummary template(UUID id) {
        return templates.findById(id).map(DeviceTemplate::toSummary)
                .orElseThrow(() -> new DevicesException(DevicesProblem.TEMPLATE_NOT_FOUND));
    }

    /**
     * Defines a device template: a name and its telemetry fields (names are identifiers of at most
     * 64 characters, unique within the template).
     *
     * @throws DevicesException TEMPLATE_INVALID or TEMPLATE_NAME_TAKEN
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public TemplateSummary createTemplate(String name, List<FieldSpec> fields) {
        String templateName = name == null ? "" : name.strip();
        if (templateName.isEmpty() || templateName.length() > 100 || templateName.chars().anyMatch(Character::isISOControl)) {
            throw new DevicesException(DevicesProblem.TEMPLATE_INVALID, "name");
        }
        if (fields == null || fields.isEmpty() || fields.size() > 100) {
            throw new DevicesException(DevicesProblem.TEMPLATE_INVALID, "fields");
        }
        Set<String> names = new java.util.HashSet<>();
        for (FieldSpec field : fields) {
            if (field.name() == null || !FIELD_NAME.matcher(field.name()).matches() || field.type() == null
                    || field.name().equals(TelemetryIngestion.TIMESTAMP) || !names.add(field.name())
                    || (field.unit() != null && field.unit().length() > 32)) {
                throw new DevicesException(DevicesProblem.TEMPLATE_INVALID, String.valueOf(field.name()));
            }
        }
        if (templates.existsByNameIgnoreCase(templateName)) {
            throw new DevicesException(DevicesProblem.TEMPLATE_NAME_TAKEN, templateName);
        }
        DeviceTemplate template = new DeviceTemplate(UUID.randomUUID(), templateName, fields, clock.instant());
        templates.saveAndFlush(template);
        audit.done("device-template.created", template.getId(), template.getName());
        return template.toSummary();
    }

    /**
     * Registers a device and returns its key, which is shown this once and kept only as a hash.
     *
     * @throws DevicesException DEVICE_ID_INVALID, DEVICE_ID_TAKEN, NAME_INVALID or TEMPLATE_NOT_FOUND
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public NewDevice createDevice(String deviceId, String displayName, UUID templateId) {
        return createDevice(deviceId, displayName, templateId, organizations.root().id());
    }

    /**
     * Registers a device in an organization and returns its key.
     *
     * @throws DevicesException DEVICE_ID_INVALID, DEVICE_ID_TAKEN, NAME_INVALID, TEMPLATE_NOT_FOUND
     *         or ORGANIZATION_NOT_FOUND
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public NewDevice createDevice(String deviceId, String displayName, UUID templateId, UUID organizationId) {
        String id = deviceId == null ? "" : deviceId.strip();
        if (!DEVICE_ID.matcher(id).matches()) {
            throw new DevicesException(DevicesProblem.DEVICE_ID_INVALID, id);
        }
        String name = displayName == null || displayName.isBlank() ? id : displayName.strip();
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new DevicesException(DevicesProblem.NAME_INVALID);
        }
        DeviceTemplate template = templateId == null ? null : templates.findById(templateId).orElse(null);
        if (template == null) {
            throw new DevicesException(DevicesProblem.TEMPLATE_NOT_FOUND);
        }
        if (!reach.reachesOrganization(organizationId, Permission.MANAGE_DEVICES)) {
            throw new DevicesException(DevicesProblem.ORGANIZATION_NOT_FOUND);
        }
        if (devices.existsByDeviceId(id)) {
            throw new DevicesException(DevicesProblem.DEVICE_ID_TAKEN, id);
        }
        String key = DeviceKeys.newKey();
        Device device = new Device(id, name, template, DeviceKeys.hash(key), clock.instant(), organizationId);
        try {
            devices.saveAndFlush(device);
        } catch (DataIntegrityViolationException e) {
            throw new DevicesException(DevicesProblem.DEVICE_ID_TAKEN, id);
        }
        audit.done("device.created", device.getDeviceId(), null);
        return new NewDevice(toRow(device), key);
    }

    /**
     * Moves devices to another organization, in one statement whatever their number; each move is
     * an entry of the audit trail.
     *
     * @return how many devices moved (those already there, or gone, are not counted)
     * @throws DevicesException TOO_MANY_AT_ONCE or ORGANIZATION_NOT_FOUND; nothing moves
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public int moveDevices(Collection<Long> ids, UUID organizationId) {
        if (ids.size() > MAX_AT_ONCE) {
            throw new DevicesException(DevicesProblem.TOO_MANY_AT_ONCE, MAX_AT_ONCE);
        }
        var target = organizations.organization(organizationId)
                .filter(found -> reach.reachesOrganization(found.id(), Permission.MANAGE_DEVICES))
                .orElseThrow(() -> new DevicesException(DevicesProblem.ORGANIZATION_NOT_FOUND));
        Set<Long> reached = ids.isEmpty() ? Set.of() : reach.filter(ids, Permission.MANAGE_DEVICES);
        if (reached.isEmpty()) {
            return 0;
        }
        List<String> moving = devices.findDeviceIdsOutside(reached, organizationId);
        if (moving.isEmpty()) {
            return 0;
        }
        int moved = devices.moveTo(reached, organizationId);
        // Ingestion holds each device's organization a few seconds: alert rules watch by it.
        credentials.forgetAll();
        audit.doneForEachSaying("device.moved", moving, com.custodian.base.i18n.Text.of("audit.detail.moved-to",
                com.custodian.organizations.OrganizationsService.nameOf(target)));
        return moved;
    }

    /** Replaces the device's key; the old one stops working at once. */
    @PreAuthorize(MANAGE)
    @Transactional
    public NewDevice regenerateKey(String deviceId) {
        Device device = find(deviceId, Permission.MANAGE_DEVICES);
        String key = DeviceKeys.newKey();
        device.replaceKey(DeviceKeys.hash(key), clock.instant());
        devices.flush();
        credentials.forget(device.getDeviceId());
        audit.done("device.key-regenerated", device.getDeviceId(), null);
        return new NewDevice(toRow(device), key);
    }

    @PreAuthorize(MANAGE)
    @Transactional
    public DeviceRow setEnabled(String deviceId, boolean enabled) {
        Device device = find(deviceId, Permission.MANAGE_DEVICES);
        if (device.isEnabled() == enabled) {
            return toRow(device);
        }
        device.setEnabled(enabled);
        devices.flush();
        credentials.forget(device.getDeviceId());
        audit.done(enabled ? DEVICE_ENABLED : DEVICE_DISABLED, device.getDeviceId(), null);
        return toRow(device);
    }

    /** How many values each device holds, for confirmations. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public Map<Long, Long> telemetryCounts(Collection<Long> ids) {
        Set<Long> seen = ids.isEmpty() ? Set.of() : reach.filter(ids, Permission.VIEW_DEVICES);
        return seen.isEmpty() ? Map.of() : telemetry.countByDevice(seen);
    }

    /**
     * Deletes the devices with their telemetry, at a cost in statements that depends on neither the
     * number of devices nor of points.
     *
     * @return how many devices were deleted
     */
    @PreAuthorize("hasRole('" + Permission.Names.DELETE_DEVICES + "')")
    @Transactional
    public int deleteDevices(Collection<Long> ids) {
        if (new LinkedHashSet<>(ids).size() > MAX_AT_ONCE) {
            throw new DevicesException(DevicesProblem.TOO_MANY_AT_ONCE, MAX_AT_ONCE);
        }
        Set<Long> unique = ids.isEmpty() ? Set.of() : reach.filter(ids, Permission.DELETE_DEVICES);
        if (unique.isEmpty()) {
            return 0;
        }
        Map<Long, String> present = telemetry.lockDevices(unique);
        // Deleting a device deletes its telemetry: that is erasing device data, its own permission, there.
        Map<Long, Long> counts = telemetry.countByDevice(unique);
        long points = counts.values().stream().mapToLong(Long::longValue).sum();
        if (points > 0) {
            Set<Long> holding = counts.entrySet().stream().filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet());
            if (!currentUser.require().has(Permission.ERASE_DEVICE_DATA)
                    || reach.filter(holding, Permission.ERASE_DEVICE_DATA).size() < holding.size()) {
                throw new DevicesException(DevicesProblem.DELETE_NEEDS_ERASE, points);
            }
        }
        telemetry.deleteFor(unique);
        int deleted = devices.deleteByIds(unique);
        credentials.forgetAll();
        audit.doneForEach("device.deleted", present.values(), null);
        return deleted;
    }

    /** The newest value of each field of the device. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public Map<String, TelemetryPoint> latest(long id) {
        requireSeen(id);
        return telemetry.latest(id);
    }

    /** A field's values of the last period, oldest first, at most {@code limit}. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<TelemetryPoint> series(long id, String field, Instant since, int limit) {
        requireSeen(id);
        return telemetry.series(id, field, since, Math.min(limit, 5000));
    }

    /** Raw telemetry up to a time (the moment a page was opened), newest first. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public List<TelemetryPoint> telemetryPage(long id, Instant until, int offset, int limit) {
        requireSeen(id);
        return telemetry.page(id, until, offset, Math.min(limit, MAX_PAGE_SIZE));
    }

    /** How many values {@link #telemetryPage} pages through: one statement, on the device's index. */
    @PreAuthorize(VIEW)
    @Transactional(readOnly = true)
    public long telemetryCount(long id, Instant until) {
        requireSeen(id);
        return telemetry.count(id, until);
    }

    /** The device, if the permission reaches it; one outside is answered as not found. */
    private Device find(String deviceId, Permission permission) {
        return devices.findByDeviceId(deviceId == null ? "" : deviceId)
                .filter(device -> reach.reachesOrganization(device.getOrganizationId(), permission))
                .orElseThrow(() -> new DevicesException(DevicesProblem.DEVICE_NOT_FOUND, deviceId));
    }

    /** Refuses a device the caller does not see, as one that does not exist. */
    private void requireSeen(long id) {
        if (!reach.reaches(id, Permission.VIEW_DEVICES)) {
            throw new DevicesException(DevicesProblem.DEVICE_NOT_FOUND, String.valueOf(id));
        }
    }

    static DeviceRow toRow(Device device) {
        return new DeviceRow(device.getId(), device.getDeviceId(), device.getDisplayName(),
                device.getTemplate().getId(), device.getTemplate().getName(), device.isEnabled(),
                device.getCreatedAt(), device.getLastSeenAt(), device.getKeyCreatedAt(), device.getVersion(),
                device.getOrganizationId());
    }
}
