package com.custodian.security;

import java.util.Set;
import java.util.UUID;

/**
 * The person signed in to this session: their identity from the ID token, the name and username
 * the token carried (shown, never stored), and the permissions their roles granted at sign-in.
 */
public record SignedInUser(Identity identity, String displayName, String username, Set<Permission> permissions) {

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
