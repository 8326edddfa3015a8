package com.custodian.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a signing-in identity into its Spring Security authorities, from Custodian's own role
 * assignments. Every way of signing in (local, Entra) goes through here.
 */
@Component
public class SignInAuthorities {

    private final SignInAccess signInAccess;

    SignInAuthorities(SignInAccess signInAccess) {
        this.signInAccess = signInAccess;
    }

    public Collection<GrantedAuthority> signIn(Identity identity) {
        return authoritiesFor(signInAccess.signIn(identity));
    }

    /** The authorities the identity's roles grant now (for sessions that outlive a role change). */
    public Collection<GrantedAuthority> current(Identity identity) {
        return authoritiesFor(signInAccess.currentPermissions(identity));
    }

    private static Collection<GrantedAuthority> authoritiesFor(Set<Permission> permissions) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (!permissions.isEmpty()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + Permission.Names.APP_USER));
        }
        permissions.stream().sorted().map(p -> new SimpleGrantedAuthority(p.authority())).forEach(authorities::add);
        return authorities;
    }
}
