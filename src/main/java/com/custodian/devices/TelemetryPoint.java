package com.custodian.devices;

import java.time.Instant;

/** One value of one field at one time. Exactly one of the values is set. */
public record TelemetryPoint(String field, Instant timestamp, Double number, String text) {
}
