package com.custodian.devices;

import java.time.Instant;
import java.util.List;

/** What an erasure removed: counts and identifiers of devices, never more. */
public record DeviceErasure(List<String> deviceIds, long devices, long telemetryPoints, Instant erasedAt) {
}
