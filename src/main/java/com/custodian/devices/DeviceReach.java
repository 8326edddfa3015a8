package com.custodian.devices;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.custodian.organizations.OrganizationsService;
import com.custodian.organizations.Reach;
import com.custodian.security.Permission;

/**
 * Which devices the caller's permission reaches: those of the organizations it was granted in and
 * below. A device outside is answered as one that does not exist. Costs nothing for a caller whose
 * permission was granted at the root, else one statement for the reach and one for the devices'
 * organizations, whatever their number.
 */
@Component
class DeviceReach {

    private final OrganizationsService organizations;
    private final DeviceRepository devices;

    DeviceReach(OrganizationsService organizations, DeviceRepository devices) {
        this.organizations = organizations;
        this.devices = devices;
    }

    /** Those of the devices (row IDs) the permission reaches, in their order; the others as if gone. */
    Set<Long> filter(Collection<Long> ids, Permission permission) {
        Reach reach = organizations.reach(permission);
        if (reach.everywhere()) {
            return new LinkedHashSet<>(ids);
        }
        Set<Long> reached = new java.util.HashSet<>();
        if (!ids.isEmpty() && !reach.organizations().isEmpty()) {
            for (Object[] row : devices.findOrganizations(ids)) {
                if (reach.includes((UUID) row[1])) {
                    reached.add((Long) row[0]);
                }
            }
        }
        Set<Long> kept = new LinkedHashSet<>();
        ids.stream().filter(reached::contains).forEach(kept::add);
        return kept;
    }

    /** Whether the permission reaches the device; false when it does not exist. */
    boolean reaches(long id, Permission permission) {
        return !filter(Set.of(id), permission).isEmpty();
    }

    /** Whether the permission reaches a device of the organization. */
    boolean reachesOrganization(UUID organization, Permission permission) {
        return organizations.reaches(permission, organization);
    }

    /** Where the permission reaches, within an organization's subtree when one is given (a filter). */
    Reach reach(Permission permission, UUID within) {
        return organizations.reach(permission, within);
    }
}
