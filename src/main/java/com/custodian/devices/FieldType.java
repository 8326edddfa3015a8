package com.custodian.devices;

/** What a telemetry field carries. */
public enum FieldType {
    /** A number (stored as a double). */
    NUMBER,
    /** true or false (stored as 1 or 0, so it charts). */
    BOOLEAN,
    /** Text of at most 1,024 characters. */
    TEXT
}
