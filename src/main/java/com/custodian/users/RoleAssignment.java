package com.custodian.users;

import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** A role given to a user in an organization: it applies there and in everything below it. */
@Embeddable
class RoleAssignment {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "role_id", nullable = false)
    private Role role;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "organization_id", nullable = false, length = 36)
    private UUID organizationId;

    protected RoleAssignment() {
    }

    RoleAssignment(Role role, UUID organizationId) {
        this.role = role;
        this.organizationId = organizationId;
    }

    Role getRole() {
        return role;
    }

    UUID getOrganizationId() {
        return organizationId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoleAssignment that && role.getId().equals(that.role.getId())
                && organizationId.equals(that.organizationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role.getId(), organizationId);
    }
}
