package com.custodian.security;

import java.util.Set;

/**
 * What a sign-in needs to know from the application's own role assignments. The users feature
 * implements it; the security feature only asks.
 */
public interface SignInAccess {

    /**
     * Records that the identity has signed in (first and last sign-in times) and returns the
     * permissions its roles grant: empty when the identity is not an application user or holds no
     * role.
     */
    Set<Permission> signIn(Identity identity);

    /** The permissions the identity's roles grant now, recording nothing. */
    Set<Permission> currentPermissions(Identity identity);
}
