package com.custodian.security;

/**
 * What a sign-in needs to know from the application's own role assignments. The users feature
 * implements it; the security feature only asks.
 */
public interface SignInAccess {

    /**
     * Records that the identity has signed in (first and last sign-in times, and through which
     * assigned groups) and returns what its own roles and its groups' roles grant: nothing when it
     * is neither an application user nor in an assigned group.
     *
     * @param groups what the sign-in's token said about the identity's groups
     */
    Access signIn(Identity identity, GroupClaim groups);

    /** What the identity's roles and groups grant now (membership asked of the directory), recording nothing. */
    Access currentAccess(Identity identity);

    /**
     * Each role the identity holds now and where it comes from (own assignment or group), asking
     * the directory for membership; groups are left out (and said to be) when it cannot answer.
     */
    AccessSources grants(Identity identity);
}
