package com.custodian.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryStatus;

/**
 * An application user as the Users page shows it: what Custodian stores, and the email address and
 * name the directory gave when the row was loaded.
 *
 * @param email null unless {@code directoryStatus} is FOUND (and null for service principals)
 * @param displayName null unless {@code directoryStatus} is FOUND
 * @param version what a change must name, so that it does not overwrite a change made meanwhile
 * @param memberCount for a group, how many people it holds (nested groups included) as the directory
 *        said; null otherwise or when it could not say
 * @param roles the roles of {@code assignments}, each once
 * @param assignments the roles held in the organizations the reader manages users of, each with its
 *        organization (the others are not shown)
 */
public record UserRow(long id, UUID tenantId, UUID objectId, DirectoryObjectType type, List<RoleSummary> roles,
        Instant addedAt, UUID addedBy, Instant firstSignInAt, Instant lastSignInAt,
        DirectoryStatus directoryStatus, String email, String displayName, long version, Integer memberCount,
        List<Assignment> assignments) {

    /** A role held in an organization (and everything below it). */
    public record Assignment(RoleSummary role, UUID organizationId) {
    }

    public UserRow(long id, UUID tenantId, UUID objectId, DirectoryObjectType type, List<RoleSummary> roles,
            Instant addedAt, UUID addedBy, Instant firstSignInAt, Instant lastSignInAt,
            DirectoryStatus directoryStatus, String email, String displayName, long version, Integer memberCount) {
        this(id, tenantId, objectId, type, roles, addedAt, addedBy, firstSignInAt, lastSignInAt, directoryStatus,
                email, displayName, version, memberCount, roles.stream()
                        .map(role -> new Assignment(role, com.custodian.security.Scope.ROOT)).toList());
    }

    /** The roles held in the organization. */
    public List<RoleSummary> rolesIn(UUID organizationId) {
        return assignments.stream().filter(assignment -> assignment.organizationId().equals(organizationId))
                .map(Assignment::role).toList();
    }

    public UserRow(long id, UUID tenantId, UUID objectId, DirectoryObjectType type, List<RoleSummary> roles,
            Instant addedAt, UUID addedBy, Instant firstSignInAt, Instant lastSignInAt,
            DirectoryStatus directoryStatus, String email, String displayName, long version) {
        this(id, tenantId, objectId, type, roles, addedAt, addedBy, firstSignInAt, lastSignInAt, directoryStatus,
                email, displayName, version, null);
    }

    public boolean isGroup() {
        return type == DirectoryObjectType.GROUP;
    }

    public boolean hasSignedIn() {
        return firstSignInAt != null;
    }

    public boolean hasRole(java.util.UUID roleId) {
        return roles.stream().anyMatch(role -> role.id().equals(roleId));
    }
}
