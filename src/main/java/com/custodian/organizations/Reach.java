package com.custodian.organizations;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The organizations a caller's permission reaches: everywhere (granted at the root, nothing to
 * check), or the organizations it was granted in with everything below them, listed, for a query's
 * {@code organization_id in (...)}.
 */
public record Reach(boolean everywhere, Set<UUID> organizations) {

    public static final Reach EVERYWHERE = new Reach(true, Set.of());
    public static final Reach NOWHERE = new Reach(false, Set.of());

    public Reach {
        organizations = Set.copyOf(organizations);
    }

    public boolean includes(UUID organization) {
        return everywhere || organizations.contains(organization);
    }

    /** The organizations to restrict a query to, or null for none to restrict to. */
    public List<UUID> restriction() {
        return everywhere ? null : List.copyOf(organizations);
    }
}
