package com.custodian.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a signing-in identity into its Spring Security authorities, from Custodian's own role
 * assignments and those of the assigned groups it belongs to. Every way of signing in (local, Entra) goes through here.
 */
@Component
public class SignInAuthorities {

    private final SignInAccess signInAccess;

    SignInAuthorities(SignInAccess signInAccess) {
        this.signInAccess = signInAccess;
    }

    /** A sign-in without a word from the token about groups (the directory is asked). */
    public Collection<GrantedAuthority> signIn(Identity identity) {
        return signIn(identity, GroupClaim.UNKNOWN);
    }

    public Collection<GrantedAuthority> signIn(Identity identity, GroupClaim groups) {
        return authoritiesFor(signInAccess.signIn(identity, groups));
    }

    /** The authorities the identity's roles and groups grant now (for sessions that outlive a change). */
    public Collection<GrantedAuthority> current(Identity identity) {
        return authoritiesFor(signInAccess.currentAccess(identity));
    }

    /**
     * Marks a session whose group memberships could not be checked; not a permission, so it opens
     * nothing, but the pages can say why access is smaller than expected.
     */
    public static final String GROUPS_UNCHECKED = "CUSTODIAN_GROUPS_UNCHECKED";

    /**
     * Prefix of the authorities that say where a permission applies: {@code CUSTODIAN_IN:<permission>:<organization ID>},
     * one for each organization it was granted in (a handful per session, not the subtree).
     */
    public static final String SCOPE_PREFIX = "CUSTODIAN_IN:";

    /**
     * The authorities as shared instances: every session granted a permission (in an organization)
     * refers to the same one rather than keeping its own. Bounded: it holds at most permissions times
     * organizations, and starts again beyond that.
     */
    private static final Map<String, GrantedAuthority> SHARED = new ConcurrentHashMap<>();
    private static final int SHARED_KEPT = 20_000;

    private static GrantedAuthority authority(String name) {
        if (SHARED.size() > SHARED_KEPT) {
            SHARED.clear();
        }
        return SHARED.computeIfAbsent(name, SimpleGrantedAuthority::new);
    }

    private static Collection<GrantedAuthority> authoritiesFor(Access access) {
        Set<Permission> permissions = access.permissions();
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (!permissions.isEmpty()) {
            authorities.add(authority("ROLE_" + Permission.Names.APP_USER));
        }
        permissions.stream().sorted().map(p -> authority(p.authority())).forEach(authorities::add);
        permissions.stream().sorted().forEach(permission -> access.scope(permission).organizations().stream().sorted()
                .map(organization -> authority(SCOPE_PREFIX + permission.name() + ":" + organization))
                .forEach(authorities::add));
        if (access.groupsUnchecked()) {
            authorities.add(authority(GROUPS_UNCHECKED));
        }
        return authorities;
    }
}
