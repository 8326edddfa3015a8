package com.custodian.devices;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.NonPersonalData;
import com.custodian.base.personaldata.PersonalData;
import com.custodian.security.Permission;

/**
 * The devices feature's part of the personal-data contract. Device subjects are found by device
 * ID; a person subject finds nothing here, because the application keeps no link from a device to
 * a person (the customer names the devices).
 */
@Component
class DevicePersonalData implements PersonalData, NonPersonalData {

    static final String CATEGORY = "devices";
    private static final String EXPORT = "hasAnyRole('" + Permission.Names.EXPORT_DEVICE_DATA + "', '"
            + Permission.Names.MANAGE_DATA_REQUESTS + "')";
    private static final String ERASE = "hasAnyRole('" + Permission.Names.ERASE_DEVICE_DATA + "', '"
            + Permission.Names.MANAGE_DATA_REQUESTS + "')";

    private final DeviceRepository devices;
    private final TelemetryStore telemetry;
    private final DeviceDataService deviceData;

    private final com.custodian.security.CurrentUser currentUser;

    private final com.custodian.organizations.OrganizationsService organizations;

    DevicePersonalData(DeviceRepository devices, TelemetryStore telemetry, DeviceDataService deviceData,
            com.custodian.security.CurrentUser currentUser, com.custodian.organizations.OrganizationsService organizations) {
        this.organizations = organizations;
        this.currentUser = currentUser;
        this.devices = devices;
        this.telemetry = telemetry;
        this.deviceData = deviceData;
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("device", "telemetry");
    }

    @Override
    public Map<String, String> nonPersonalTables() {
        String template = "Device templates: kinds of device (a name, its fields' names, types and units) defined by "
                + "builders; they describe no particular device and no person";
        return Map.of("device_template", template, "template_field", template);
    }

    @Override
    @PreAuthorize(EXPORT)
    @Transactional(readOnly = true)
    public Holding find(DataSubject subject) {
        List<Device> found = devicesOf(subject);
        if (found.isEmpty()) {
            return Holding.none(CATEGORY);
        }
        Map<Long, Long> counts = telemetry.countByDevice(found.stream().map(Device::getId).toList());
        // Each record's organization, from the tree read once (a few hundred rows at most).
        Map<java.util.UUID, Object> organizationNames = new java.util.HashMap<>();
        organizations.tree().forEach(row -> organizationNames.put(row.id(),
                com.custodian.organizations.OrganizationsService.nameOf(row)));
        return new Holding(CATEGORY, found.size(), found.stream().map(device -> Text.of("requests.holding.device",
                device.getDeviceId(), device.getTemplate().getName(), counts.getOrDefault(device.getId(), 0L),
                organizationNames.getOrDefault(device.getOrganizationId(), device.getOrganizationId().toString())))
                .toList());
    }

    @Override
    @PreAuthorize(EXPORT)
    public void export(DataSubject subject, ExportBundle bundle) {
        List<Device> found = devicesOf(subject);
        if (found.isEmpty()) {
            bundle.excluded(DeviceDataService.NO_DEVICE_OWNERS);
            return;
        }
        deviceData.writeInto(found, bundle);
    }

    /**
     * Erasing devices deletes them and all they sent: as directly, only for someone who holds both
     * "Erase device data" and "Delete devices".
     */
    @Override
    @PreAuthorize(ERASE)
    @Transactional(readOnly = true)
    public List<com.custodian.base.i18n.Text> erasureBlockers(DataSubject subject) {
        if (devicesOf(subject).isEmpty()) {
            return List.of();
        }
        List<com.custodian.base.i18n.Text> missing = missingToErase().stream()
                .map(permission -> com.custodian.base.i18n.Text.of(permission.labelKey())).toList();
        return missing.isEmpty() ? List.of() : List.of(com.custodian.base.i18n.Text.of("requests.blocker.devices",
                com.custodian.base.i18n.Text.joined("list.pair", missing)));
    }

    @Override
    @PreAuthorize(ERASE)
    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(DataSubject subject) {
        Set<Long> ids = new LinkedHashSet<>(devicesOf(subject).stream().map(Device::getId).toList());
        if (!ids.isEmpty() && !missingToErase().isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Erasing devices needs " + missingToErase());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            counts.put("devices", 0L);
            counts.put("telemetryPoints", 0L);
        } else {
            DeviceErasure erased = deviceData.eraseNow(ids);
            counts.put("devices", erased.devices());
            counts.put("telemetryPoints", erased.telemetryPoints());
        }
        return new Erased(CATEGORY, counts);
    }

    /** What the caller lacks of the permissions a direct erasure of devices needs. */
    private List<Permission> missingToErase() {
        var caller = currentUser.get();
        return java.util.stream.Stream.of(Permission.ERASE_DEVICE_DATA, Permission.DELETE_DEVICES)
                .filter(permission -> caller.map(user -> !user.has(permission)).orElse(true)).toList();
    }

    private List<Device> devicesOf(DataSubject subject) {
        return switch (subject) {
            case DataSubject.Devices(Set<String> deviceIds) -> deviceIds.isEmpty() ? List.of()
                    : devices.findWithTemplatesByDeviceIds(deviceIds);
            case DataSubject.Person person -> List.of();
        };
    }
}
