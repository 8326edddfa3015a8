package com.custodian.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a sign-in's token says about the person's groups. Entra puts the object IDs of their groups
 * (nested ones included) in the {@code groups} claim when the app registration asks for it; a
 * person in more groups than a token may carry gets an overage instead ({@code _claim_names} naming
 * {@code groups}, or {@code hasgroups}), and then, as when the claim is absent or holds names
 * rather than object IDs, only the directory can say.
 */
public record GroupClaim(Optional<Set<UUID>> groups) {

    /** The token says nothing usable: ask the directory. */
    public static final GroupClaim UNKNOWN = new GroupClaim(Optional.empty());

    public static final String GROUPS = "groups";
    static final String CLAIM_NAMES = "_claim_names";
    static final String HAS_GROUPS = "hasgroups";

    public static GroupClaim of(Collection<UUID> groups) {
        return new GroupClaim(Optional.of(Set.copyOf(groups)));
    }

    /** Reads the claims of an ID token (or access token). */
    public static GroupClaim from(Map<String, Object> claims) {
        Object names = claims.get(CLAIM_NAMES);
        if (names instanceof Map<?, ?> map && map.containsKey(GROUPS)) {
            return UNKNOWN;
        }
        if (Boolean.TRUE.equals(claims.get(HAS_GROUPS)) || "true".equals(claims.get(HAS_GROUPS))) {
            return UNKNOWN;
        }
        if (!(claims.get(GROUPS) instanceof Collection<?> values)) {
            return UNKNOWN;
        }
        Set<UUID> groups = new LinkedHashSet<>();
        for (Object value : values) {
            try {
                groups.add(UUID.fromString(String.valueOf(value)));
            } catch (IllegalArgumentException notAnObjectId) {
                // Group names (sAMAccountName, cloud names) cannot be matched to an assignment.
                return UNKNOWN;
            }
        }
        return of(groups);
    }
}
