package com.custodian.security;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The signed-in user of the current request or UI, read from Spring Security's context.
 */
@Component
public class CurrentUser {

    /** The signed-in user, or empty for an anonymous request. */
    public Optional<SignedInUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof org.springframework.security.oauth2.jwt.Jwt jwt) {
            // A caller of the API with a bearer token (a service principal, usually).
            return IdTokenClaims.identityOf(jwt).map(identity -> new SignedInUser(identity, null,
                    jwt.getClaimAsString(IdTokenClaims.PREFERRED_USERNAME), scopesOf(authentication),
                    groupsUnchecked(authentication)));
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser oidcUser)) {
            return Optional.empty();
        }
        return IdTokenClaims.identityOf(oidcUser).map(identity -> new SignedInUser(identity,
                oidcUser.getClaimAsString(IdTokenClaims.NAME),
                oidcUser.getClaimAsString(IdTokenClaims.PREFERRED_USERNAME),
                scopesOf(authentication), groupsUnchecked(authentication)));
    }

    private static boolean groupsUnchecked(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> SignInAuthorities.GROUPS_UNCHECKED.equals(authority.getAuthority()));
    }

    /** The signed-in user; for code that only runs behind sign-in. */
    public SignedInUser require() {
        return get().orElseThrow(() -> new IllegalStateException("No user is signed in"));
    }

    /**
     * Each permission the authorities carry, with the organizations it applies in; a permission
     * without a word on where (an authority from elsewhere) applies nowhere.
     */
    private static Map<Permission, Scope> scopesOf(Authentication authentication) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Map<Permission, Set<UUID>> organizations = new EnumMap<>(Permission.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name == null) {
                continue;
            }
            if (name.startsWith(SignInAuthorities.SCOPE_PREFIX)) {
                String[] parts = name.substring(SignInAuthorities.SCOPE_PREFIX.length()).split(":", 2);
                try {
                    organizations.computeIfAbsent(Permission.valueOf(parts[0]), p -> new HashSet<>())
                            .add(UUID.fromString(parts[1]));
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    // Not one of ours: grants nothing.
                }
                continue;
            }
            for (Permission permission : Permission.values()) {
                if (permission.authority().equals(name)) {
                    permissions.add(permission);
                }
            }
        }
        Map<Permission, Scope> scopes = new EnumMap<>(Permission.class);
        for (Permission permission : permissions) {
            Set<UUID> where = organizations.getOrDefault(permission, Set.of());
            if (!where.isEmpty()) {
                scopes.put(permission, new Scope(where));
            }
        }
        return scopes;
    }
}
