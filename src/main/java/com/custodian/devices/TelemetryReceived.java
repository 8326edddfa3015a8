package com.custodian.devices;

import java.util.List;

/**
 * Published when a device's telemetry was stored; listeners that act on it (alert rules) listen
 * after the commit, so the ingestion path neither waits for them nor knows them.
 */
public record TelemetryReceived(String deviceId, String displayName, java.util.UUID templateId,
        List<TelemetryPoint> points) {
}
