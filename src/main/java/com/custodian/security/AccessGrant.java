package com.custodian.security;

import java.util.Set;
import java.util.UUID;

/**
 * One role an identity holds, and where from: its own assignment, or an assigned group it belongs
 * to. For "My access".
 *
 * @param roleLabelKey the translation key of a built-in role's name (each reader's language), or
 *        null for a role an administrator named
 * @param roleName the role's name as stored
 * @param group the object ID of the group that gives the role, or null for an own assignment
 * @param organization the organization the role was given in: it applies there and below
 * @param organizationName its name, or null for the root (named in each reader's language)
 */
public record AccessGrant(String roleLabelKey, String roleName, Set<Permission> permissions, UUID group,
        UUID organization, String organizationName) {

    public AccessGrant {
        permissions = Set.copyOf(permissions);
    }

    /** Whether the role gives the permission: those of the whole application only at the root. */
    public boolean gives(Permission permission) {
        return permissions.contains(permission) && (!permission.applicationWide() || Scope.ROOT.equals(organization));
    }

    public boolean own() {
        return group == null;
    }
}
