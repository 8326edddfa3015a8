package com.custodian.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

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
                    jwt.getClaimAsString(IdTokenClaims.PREFERRED_USERNAME), permissionsOf(authentication),
                    groupsUnchecked(authentication)));
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser oidcUser)) {
            return Optional.empty();
        }
        return IdTokenClaims.identityOf(oidcUser).map(identity -> new SignedInUser(identity,
                oidcUser.getClaimAsString(IdTokenClaims.NAME),
                oidcUser.getClaimAsString(IdTokenClaims.PREFERRED_USERNAME),
                permissionsOf(authentication), groupsUnchecked(authentication)));
    }

    private static boolean groupsUnchecked(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> SignInAuthorities.GROUPS_UNCHECKED.equals(authority.getAuthority()));
    }

    /** The signed-in user; for code that only runs behind sign-in. */
    public SignedInUser require() {
        return get().orElseThrow(() -> new IllegalStateException("No user is signed in"));
    }

    private static Set<Permission> permissionsOf(Authentication authentication) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Permission permission : Permission.values()) {
                if (permission.authority().equals(authority.getAuthority())) {
                    permissions.add(permission);
                }
            }
        }
        return permissions;
    }
}
