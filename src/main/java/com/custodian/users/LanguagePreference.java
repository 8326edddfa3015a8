package com.custodian.users;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The console language a person chose; keyed by the person (tenant and object ID). */
@Entity
@Table(name = "language_preference")
@IdClass(LanguagePreference.Key.class)
class LanguagePreference {

    record Key(UUID tenantId, UUID objectId) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "tenant_id", nullable = false, length = 36)
    private UUID tenantId;

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "object_id", nullable = false, length = 36)
    private UUID objectId;

    @Column(name = "language", nullable = false, length = 8)
    private String language;

    @Column(name = "chosen_at", nullable = false)
    private Instant chosenAt;

    protected LanguagePreference() {
    }

    LanguagePreference(UUID tenantId, UUID objectId, String language, Instant chosenAt) {
        this.tenantId = tenantId;
        this.objectId = objectId;
        this.language = language;
        this.chosenAt = chosenAt;
    }

    UUID getTenantId() {
        return tenantId;
    }

    UUID getObjectId() {
        return objectId;
    }

    String getLanguage() {
        return language;
    }

    Instant getChosenAt() {
        return chosenAt;
    }

    void choose(String language, Instant at) {
        this.language = language;
        this.chosenAt = at;
    }
}
