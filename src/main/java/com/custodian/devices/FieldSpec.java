package com.custodian.devices;

/** A telemetry field as pages and exports show it. */
public record FieldSpec(String name, FieldType type, String unit) {
}
