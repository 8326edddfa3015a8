package com.custodian.devices;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What ingestion needs to know of a device — its key hash, whether it is enabled, its template —
 * held in memory for a few seconds so a busy device costs no lookup per request. Changes made on
 * this instance (new key, disabled, deleted) take effect at once; on other instances within
 * {@link #HELD_FOR}.
 */
@Component
class DeviceCredentials {

    static final Duration HELD_FOR = Duration.ofSeconds(5);

    /** A device as ingestion sees it. */
    record Credential(long id, String deviceId, String displayName, String keyHash, boolean enabled,
            TemplateSummary template) {
    }

    private final DeviceRepository devices;
    private final Cache<String, Optional<Credential>> held = Caffeine.newBuilder().expireAfterWrite(HELD_FOR)
            .maximumSize(100_000).build();

    DeviceCredentials(DeviceRepository devices) {
        this.devices = devices;
    }

    Optional<Credential> of(String deviceId) {
        return held.get(deviceId, id -> devices.findByDeviceId(id).map(device -> new Credential(device.getId(),
                device.getDeviceId(), device.getDisplayName(), device.getKeyHash(), device.isEnabled(),
                device.getTemplate().toSummary())));
    }

    void forget(String deviceId) {
        held.invalidate(deviceId);
    }

    void forgetAll() {
        held.invalidateAll();
    }
}
