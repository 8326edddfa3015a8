package com.custodian.security;

import java.util.Set;
import java.util.UUID;

/**
 * One role an identity holds, and where from: its own assignment, or an assigned group it belongs
 * to. For "My access".
 *
 * @param role the role's name: a {@link com.custodian.base.i18n.Text} for a built-in role (each
 *        reader's language), else the name an administrator gave it
 * @param group the object ID of the group that gives the role, or null for an own assignment
 */
public record AccessGrant(Object role, Set<Permission> permissions, UUID group) {

    public AccessGrant {
        permissions = Set.copyOf(permissions);
    }

    public boolean own() {
        return group == null;
    }
}
