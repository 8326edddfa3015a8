package com.custodian.devices;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
            TemplateSummary template, java.util.UUID organizationId) {
    }

    private final DeviceRepository devices;
    private final Cache<String, Credential> held = Caffeine.newBuilder().expireAfterWrite(HELD_FOR)
            .maximumSize(100_000).build();

    DeviceCredentials(DeviceRepository devices) {
        this.devices = devices;
    }

    /** The device's credential; an unknown device is looked up again next time (misses are not held). */
    Optional<Credential> of(String deviceId) {
        Credential known = held.getIfPresent(deviceId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Credential> found = devices.findByDeviceId(deviceId).map(device -> new Credential(device.getId(),
                device.getDeviceId(), device.getDisplayName(), device.getKeyHash(), device.isEnabled(),
                device.getTemplate().toSummary(), device.getOrganizationId()));
        found.ifPresent(credential -> held.put(deviceId, credential));
        return found;
    }

    /**
     * Forgets the device now and again once the changing transaction commits, so a request that
     * read the old row in between cannot keep the old key or state alive.
     */
    void forget(String deviceId) {
        held.invalidate(deviceId);
        afterCommit(() -> held.invalidate(deviceId));
    }

    void forgetAll() {
        held.invalidateAll();
        afterCommit(held::invalidateAll);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
    }
}
