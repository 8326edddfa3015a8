package com.custodian.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an identity may do now, and where: for each permission of its own roles and of the roles of
 * every assigned group it belongs to, the organizations it was granted in. A permission that is
 * {@linkplain Permission#applicationWide() application-wide} counts only when granted at the root.
 *
 * @param groupsUnchecked the identity's membership of assigned groups could not be asked (the
 *        directory did not answer): what groups would give is refused, not assumed
 */
public record Access(Map<Permission, Scope> scopes, boolean groupsUnchecked) {

    public static final Access NONE = new Access(Map.of(), false);

    public Access {
        Map<Permission, Scope> kept = new EnumMap<>(Permission.class);
        scopes.forEach((permission, scope) -> {
            if (scope.nowhere() || (permission.applicationWide() && !scope.everywhere())) {
                return;
            }
            kept.put(permission, permission.applicationWide() ? Scope.EVERYWHERE : scope);
        });
        scopes = Map.copyOf(kept);
    }

    /** Every permission granted at the root. */
    public static Access everywhere(Set<Permission> permissions, boolean groupsUnchecked) {
        Map<Permission, Scope> scopes = new EnumMap<>(Permission.class);
        permissions.forEach(permission -> scopes.put(permission, Scope.EVERYWHERE));
        return new Access(scopes, groupsUnchecked);
    }

    /** The permissions held somewhere. */
    public Set<Permission> permissions() {
        return scopes.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(scopes.keySet());
    }

    public Scope scope(Permission permission) {
        return scopes.getOrDefault(permission, Scope.NOWHERE);
    }

    /** Adds what a role grants in an organization to what was gathered so far. */
    public static void grant(Map<Permission, Set<UUID>> gathered, Set<Permission> permissions, UUID organization) {
        permissions.forEach(permission -> gathered.computeIfAbsent(permission, p -> new java.util.HashSet<>())
                .add(organization));
    }

    public static Access of(Map<Permission, Set<UUID>> gathered, boolean groupsUnchecked) {
        Map<Permission, Scope> scopes = new EnumMap<>(Permission.class);
        gathered.forEach((permission, organizations) -> scopes.put(permission, new Scope(organizations)));
        return new Access(scopes, groupsUnchecked);
    }
}
