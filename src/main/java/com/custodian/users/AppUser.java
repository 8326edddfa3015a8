package com.custodian.users;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.security.Identity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An application user: an Entra object (person, service principal or group) that holds roles,
 * each in an organization. Holds no
 * email address or name; those come from the directory when shown.
 */
@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private Long id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "tenant_id", nullable = false, length = 36)
    private UUID tenantId;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "object_id", nullable = false, length = 36)
    private UUID objectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_type", nullable = false, length = 32)
    private DirectoryObjectType type;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "added_by", length = 36)
    private UUID addedBy;

    @Column(name = "first_sign_in_at")
    private Instant firstSignInAt;

    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;

    @ElementCollection
    @CollectionTable(name = "role_assignment", joinColumns = @JoinColumn(name = "user_id"))
    private Set<RoleAssignment> assignments = new HashSet<>();

    @Version
    private long version;

    protected AppUser() {
    }

    AppUser(Identity identity, DirectoryObjectType type, Instant addedAt, UUID addedBy) {
        this.tenantId = identity.tenantId();
        this.objectId = identity.objectId();
        this.type = type;
        this.addedAt = addedAt;
        this.addedBy = addedBy;
    }

    void recordSignIn(Instant at) {
        if (firstSignInAt == null) {
            firstSignInAt = at;
        }
        lastSignInAt = at;
    }

    Long getId() {
        return id;
    }

    UUID getObjectId() {
        return objectId;
    }

    UUID getTenantId() {
        return tenantId;
    }

    DirectoryObjectType getType() {
        return type;
    }

    Instant getAddedAt() {
        return addedAt;
    }

    UUID getAddedBy() {
        return addedBy;
    }

    Instant getFirstSignInAt() {
        return firstSignInAt;
    }

    Instant getLastSignInAt() {
        return lastSignInAt;
    }

    /** The roles held and where; changed in place. */
    Set<RoleAssignment> getAssignments() {
        return assignments;
    }

    /** The roles held in some organization (read only). */
    Set<Role> getRoles() {
        Set<Role> roles = new HashSet<>();
        assignments.forEach(assignment -> roles.add(assignment.getRole()));
        return java.util.Collections.unmodifiableSet(roles);
    }

    /** The assignments in these organizations. */
    java.util.List<RoleAssignment> assignmentsIn(java.util.Collection<UUID> organizations) {
        return assignments.stream().filter(assignment -> organizations.contains(assignment.getOrganizationId()))
                .toList();
    }

    long getVersion() {
        return version;
    }
}
