package com.custodian.devices;

/**
 * A device just created (or given a new key), with its key: the only time the key exists outside
 * the device. Custodian keeps only its hash.
 */
public record NewDevice(DeviceRow device, String key) {

    @Override
    public String toString() {
        return "NewDevice[" + device.deviceId() + ", key hidden]";
    }
}
