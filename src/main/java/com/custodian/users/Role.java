package com.custodian.users;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.custodian.security.Permission;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "app_role")
class Role {

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 36)
    private UUID id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "role_permission", joinColumns = @JoinColumn(name = "role_id"))
    @Column(name = "permission", length = 50)
    @Enumerated(EnumType.STRING)
    @BatchSize(size = 100)
    private Set<Permission> permissions = EnumSet.noneOf(Permission.class);

    /** A wrapper, so that Spring Data sees a role with an assigned ID but no version as new. */
    @Version
    private Long version;

    protected Role() {
    }

    /** A custom role. */
    Role(UUID id, String name, Set<Permission> permissions, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.builtIn = false;
        this.createdAt = createdAt;
        this.permissions = EnumSet.copyOf(permissions);
    }

    void rename(String newName) {
        this.name = newName;
    }

    void grantOnly(Set<Permission> granted) {
        permissions.clear();
        permissions.addAll(granted);
    }

    long getVersion() {
        return version == null ? 0 : version;
    }

    UUID getId() {
        return id;
    }

    String getName() {
        return name;
    }

    boolean isBuiltIn() {
        return builtIn;
    }

    Set<Permission> getPermissions() {
        return permissions;
    }

    RoleSummary toSummary() {
        return RoleSummary.of(id, name, builtIn);
    }
}
