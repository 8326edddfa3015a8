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

/**
 * A person (or service principal) who signed in with access an assigned group gave them: first and
 * last time, by object ID, per group. It makes a group-only member a current, signed-in user (for
 * alert emails) and lists the group's members on its page; it goes with the group's assignment.
 */
@Entity
@Table(name = "group_sign_in")
@IdClass(GroupSignIn.Key.class)
class GroupSignIn {

    record Key(UUID tenantId, UUID objectId, Long groupUserId) implements Serializable {
        Key() {
            this(null, null, null);
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

    /** The group's application-user row (its assignment). */
    @Id
    @Column(name = "group_user_id", nullable = false)
    private Long groupUserId;

    @Column(name = "first_sign_in_at", nullable = false)
    private Instant firstSignInAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    protected GroupSignIn() {
    }

    GroupSignIn(UUID tenantId, UUID objectId, Long groupUserId, Instant at) {
        this.tenantId = tenantId;
        this.objectId = objectId;
        this.groupUserId = groupUserId;
        this.firstSignInAt = at;
        this.lastSignInAt = at;
    }

    UUID getTenantId() {
        return tenantId;
    }

    UUID getObjectId() {
        return objectId;
    }

    Long getGroupUserId() {
        return groupUserId;
    }

    Instant getFirstSignInAt() {
        return firstSignInAt;
    }

    Instant getLastSignInAt() {
        return lastSignInAt;
    }
}
