package com.custodian.security;

import java.util.Set;
import java.util.UUID;

/**
 * The person signed in to this session: their identity from the ID token, the name and username
 * the token carried (shown, never stored), and the permissions their roles and groups grant (rechecked
 * while the session lives); {@code groupsUnchecked} when the directory could not say which assigned
 * groups they belong to, so that what groups would give is missing.
 */
public record SignedInUser(Identity identity, String displayName, String username, Set<Permission> permissions,
        boolean groupsUnchecked) {

    public SignedInUser(Identity identity, String displayName, String username, Set<Permission> permissions) {
        this(identity, displayName, username, permissions, false);
    }

    public UUID objectId() {
        return identity.objectId();
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean isApplicationUser() {
        return !permissions.isEmpty();
    }
}
