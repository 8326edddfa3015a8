package com.custodian.directory;

import java.util.UUID;

/**
 * What the directory says about one object at the moment it was asked. Held in memory only:
 * Custodian never stores a user's email address or name.
 *
 * @param email the mail address, or the user principal name when the object has no mail; null for
 *        service principals and groups
 * @param memberCount for a group, how many people it holds directly or through nested groups, when
 *        that was asked; otherwise null
 */
public record DirectoryEntry(UUID objectId, DirectoryObjectType type, String displayName, String email,
        String userPrincipalName, Boolean accountEnabled, Integer memberCount) {

    public DirectoryEntry(UUID objectId, DirectoryObjectType type, String displayName, String email,
            String userPrincipalName, Boolean accountEnabled) {
        this(objectId, type, displayName, email, userPrincipalName, accountEnabled, null);
    }

    /** The same entry with the group's member count. */
    public DirectoryEntry withMemberCount(Integer count) {
        return new DirectoryEntry(objectId, type, displayName, email, userPrincipalName, accountEnabled, count);
    }

    public DirectoryEntry(UUID objectId, DirectoryObjectType type, String displayName, String email) {
        this(objectId, type, displayName, email, null, null);
    }

    public DirectoryEntry(UUID objectId, DirectoryObjectType type, String displayName, String email,
            String userPrincipalName) {
        this(objectId, type, displayName, email, userPrincipalName, null);
    }

    /** Whether the account may sign in: false when the directory says it is disabled (unknown counts as yes). */
    public boolean enabled() {
        return !Boolean.FALSE.equals(accountEnabled);
    }

    /**
     * Every address the directory knows the person by, lower case: their mail and their user
     * principal name, which differ in many tenants. Alert rules may carry either.
     */
    public java.util.Set<String> addresses() {
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        for (String address : java.util.Arrays.asList(email, userPrincipalName)) {
            if (address != null && !address.isBlank()) {
                addresses.add(address.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return addresses;
    }
}
