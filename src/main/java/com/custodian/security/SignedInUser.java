package com.custodian.security;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The person signed in to this session: their identity from the ID token, the name and username
 * the token carried (shown, never stored), and what their roles and groups grant, in which
 * organizations (rechecked while the session lives); {@code groupsUnchecked} when the directory could
 * not say which assigned groups they belong to, so that what groups would give is missing.
 */
public record SignedInUser(Identity identity, String displayName, String username, Map<Permission, Scope> scopes,
        boolean groupsUnchecked) {

    public SignedInUser {
        scopes = Map.copyOf(scopes);
    }

    public UUID objectId() {
        return identity.objectId();
    }

    /** Whether the permission is held in some organization. */
    public boolean has(Permission permission) {
        return scopes.containsKey(permission);
    }

    /** The permissions held in some organization. */
    public Set<Permission> permissions() {
        return scopes.keySet();
    }

    /** Where the permission applies. */
    public Scope scope(Permission permission) {
        return scopes.getOrDefault(permission, Scope.NOWHERE);
    }

    /** Whether the permission applies everywhere (granted at the root). */
    public boolean hasEverywhere(Permission permission) {
        return scope(permission).everywhere();
    }

    public boolean isApplicationUser() {
        return !scopes.isEmpty();
    }
}
