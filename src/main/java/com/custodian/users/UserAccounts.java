package com.custodian.users;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether people are current application users and have signed in, for other features' services
 * (who may receive alert emails). It checks no permission: its callers authorize their own callers,
 * or are the application itself.
 */
@Service
public class UserAccounts {

    /** An application user's standing: {@code signedIn} once they have signed in at least once. */
    public record Account(UUID objectId, boolean signedIn) {
    }

    private final AppUserRepository users;

    UserAccounts(AppUserRepository users) {
        this.users = users;
    }

    /** The accounts of those object IDs that are application users (of this tenant), in one statement. */
    @Transactional(readOnly = true)
    public Map<UUID, Account> accounts(UUID tenantId, Collection<UUID> objectIds) {
        Map<UUID, Account> accounts = new HashMap<>();
        if (!objectIds.isEmpty()) {
            users.findByTenantIdAndObjectIdIn(tenantId, objectIds).forEach(user -> accounts.put(user.getObjectId(),
                    new Account(user.getObjectId(), user.getFirstSignInAt() != null)));
        }
        return accounts;
    }
}
