package com.custodian.alerts;

/** How values are combined over a tumbling window before the conditions apply; NONE: each message. */
public enum Aggregation {
    NONE, AVERAGE, MIN, MAX, COUNT;

    /** The window lengths a rule may use, in minutes. */
    public static final java.util.List<Integer> WINDOW_MINUTES = java.util.List.of(5, 10, 15, 30, 60);
}
