package com.custodian.devices;

import java.util.List;

/**
 * Published once a device's telemetry is committed, on the telemetry writer's thread and outside
 * any transaction ({@code deviceRef} is the device's row ID, {@code deviceId} its device ID,
 * {@code organizationId} the organization it belongs to): a listener that does real work (alert
 * rules) hands it to its own executor, so the ingestion path neither waits for it nor knows it.
 */
public record TelemetryReceived(long deviceRef, String deviceId, String displayName, java.util.UUID templateId,
        java.util.UUID organizationId, List<TelemetryPoint> points) {
}
