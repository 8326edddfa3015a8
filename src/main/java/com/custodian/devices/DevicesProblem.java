package com.custodian.devices;

/** Why a change to devices was refused; messages under {@code devices.problem.<NAME>}. */
public enum DevicesProblem {
    DEVICE_ID_INVALID,
    DEVICE_ID_TAKEN,
    NAME_INVALID,
    TEMPLATE_NOT_FOUND,
    TEMPLATE_INVALID,
    TEMPLATE_NAME_TAKEN,
    DEVICE_NOT_FOUND,
    TOO_MANY_AT_ONCE,
    ORGANIZATION_NOT_FOUND,
    DELETE_NEEDS_ERASE,
    NOTHING_TO_EXPORT;

    public String messageKey() {
        return "devices.problem." + name();
    }
}
