package com.custodian.devices;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Text;
import com.custodian.organizations.OrganizationHoldings;

/** The devices each organization holds: an organization with devices cannot be deleted. */
@Component
class DeviceHoldings implements OrganizationHoldings {

    private final DeviceRepository devices;

    DeviceHoldings(DeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Long> countByOrganization() {
        return OrganizationHoldings.counts(devices.countByOrganization());
    }

    @Override
    public Text describe(long count) {
        return Text.of("organizations.holding.devices", count);
    }
}
