package com.custodian.security;

import java.util.Set;
import java.util.UUID;

/**
 * Where a permission applies: in each organization it was granted in and everything below it. A
 * grant in the root organization reaches everything.
 */
public record Scope(Set<UUID> organizations) {

    /** The root of the organization tree: the application itself (made by the schema, never moved). */
    public static final UUID ROOT = UUID.fromString("0a9c3e5f-7b1d-4c2e-9f4a-6b8d0e2c4a00");

    public static final Scope NOWHERE = new Scope(Set.of());
    public static final Scope EVERYWHERE = new Scope(Set.of(ROOT));

    public Scope {
        organizations = Set.copyOf(organizations);
    }

    /** Granted at the root: every organization, with no condition to check. */
    public boolean everywhere() {
        return organizations.contains(ROOT);
    }

    public boolean nowhere() {
        return organizations.isEmpty();
    }
}
