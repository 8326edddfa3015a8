package com.custodian.devices;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A registered device. Its key is stored only as a hash. */
@Entity
@Table(name = "device")
class Device {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "device_seq")
    @SequenceGenerator(name = "device_seq", sequenceName = "device_seq", allocationSize = 50)
    private Long id;

    @Column(name = "device_id", nullable = false, length = 128)
    private String deviceId;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "template_id")
    private DeviceTemplate template;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "key_hash", nullable = false, length = 64)
    private String keyHash;

    @Column(name = "key_created_at", nullable = false)
    private Instant keyCreatedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Version
    private long version;

    /** The organization the device belongs to (the root unless it was placed or moved elsewhere). */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.CHAR)
    @Column(name = "organization_id", nullable = false, length = 36)
    private java.util.UUID organizationId;

    protected Device() {
    }

    Device(String deviceId, String displayName, DeviceTemplate template, String keyHash, Instant now,
            java.util.UUID organizationId) {
        this.organizationId = organizationId;
        this.deviceId = deviceId;
        this.displayName = displayName;
        this.template = template;
        this.enabled = true;
        this.keyHash = keyHash;
        this.keyCreatedAt = now;
        this.createdAt = now;
    }

    void replaceKey(String newKeyHash, Instant now) {
        this.keyHash = newKeyHash;
        this.keyCreatedAt = now;
    }

    java.util.UUID getOrganizationId() {
        return organizationId;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    Long getId() {
        return id;
    }

    String getDeviceId() {
        return deviceId;
    }

    String getDisplayName() {
        return displayName;
    }

    DeviceTemplate getTemplate() {
        return template;
    }

    boolean isEnabled() {
        return enabled;
    }

    String getKeyHash() {
        return keyHash;
    }

    Instant getKeyCreatedAt() {
        return keyCreatedAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getLastSeenAt() {
        return lastSeenAt;
    }

    long getVersion() {
        return version;
    }
}
