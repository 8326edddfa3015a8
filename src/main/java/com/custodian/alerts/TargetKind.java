package com.custodian.alerts;

/** Which devices a rule watches. */
public enum TargetKind {
    /** Every device. */
    ALL,
    /** The devices of one template. */
    TEMPLATE,
    /** Devices listed on the rule. */
    DEVICES
}
