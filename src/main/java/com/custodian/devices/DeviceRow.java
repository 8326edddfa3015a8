package com.custodian.devices;

import java.time.Instant;
import java.util.UUID;

/** A device as the Devices page shows it, with the organization it belongs to. */
public record DeviceRow(long id, String deviceId, String displayName, UUID templateId, String templateName,
        boolean enabled, Instant createdAt, Instant lastSeenAt, Instant keyCreatedAt, long version,
        UUID organizationId) {
}
