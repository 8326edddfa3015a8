package com.custodian.users;

import java.util.List;

import com.custodian.security.Identity;

/**
 * Published inside the transaction that removed application users, so that other features can
 * remove what they hold about them in the same transaction: when {@code removeReferences}, alert
 * rules drop their addresses (see {@link UserReferences}).
 */
public record UsersRemoved(List<Identity> identities, boolean removeReferences) {
}
