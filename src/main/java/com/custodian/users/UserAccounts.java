package com.custodian.users;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.custodian.security.Identity;

import org.springframework.stereotype.Service;

/**
 * Whether people are current application users and have signed in, for other features' services
 * (who may receive alert emails). It checks no permission: its callers authorize their own callers,
 * or are the application itself.
 */
@Service
public class UserAccounts {

    /**
     * An application user's standing: {@code signedIn} once they have signed in at least once;
     * {@code membershipUnknown} when only a group could make them one and the directory could not
     * say whether they are still in it.
     */
    public record Account(UUID objectId, boolean signedIn, boolean membershipUnknown) {

        Account(UUID objectId, boolean signedIn) {
            this(objectId, signedIn, false);
        }
    }

    private final AppUserRepository users;
    private final GroupSignInRepository groupSignIns;
    private final UserSignIn signIn;

    UserAccounts(AppUserRepository users, GroupSignInRepository groupSignIns, UserSignIn signIn) {
        this.users = users;
        this.groupSignIns = groupSignIns;
        this.signIn = signIn;
    }

    /**
     * The accounts of those object IDs that are application users (of this tenant): assigned
     * themselves, or signed in through an assigned group they are still in. One statement, and two
     * more only when some of them have signed in through a group; the directory is asked about
     * those (answers kept for the permission recheck time), with no transaction held meanwhile.
     */
    public Map<UUID, Account> accounts(UUID tenantId, Collection<UUID> objectIds) {
        Map<UUID, Account> accounts = new HashMap<>();
        if (objectIds.isEmpty()) {
            return accounts;
        }
        users.findByTenantIdAndObjectIdIn(tenantId, objectIds).forEach(user -> accounts.put(user.getObjectId(),
                new Account(user.getObjectId(), user.getFirstSignInAt() != null)));
        List<UUID> undecided = objectIds.stream().distinct()
                .filter(id -> !accounts.containsKey(id) || !accounts.get(id).signedIn()).toList();
        if (undecided.isEmpty()) {
            return accounts;
        }
        Map<UUID, Set<Long>> throughGroups = new HashMap<>();
        groupSignIns.findByTenantIdAndObjectIdIn(tenantId, undecided).forEach(record -> throughGroups
                .computeIfAbsent(record.getObjectId(), id -> new HashSet<>()).add(record.getGroupUserId()));
        if (throughGroups.isEmpty()) {
            return accounts;
        }
        Map<Long, UUID> groups = new HashMap<>();
        users.findAllById(throughGroups.values().stream().flatMap(Set::stream).distinct().toList())
                .forEach(group -> groups.put(group.getId(), group.getObjectId()));
        throughGroups.forEach((objectId, groupIds) -> {
            Set<UUID> theirGroups = new HashSet<>();
            groupIds.forEach(id -> {
                if (groups.containsKey(id)) {
                    theirGroups.add(groups.get(id));
                }
            });
            if (theirGroups.isEmpty()) {
                return;
            }
            try {
                // Still in one of the groups they signed in through: a current, signed-in user.
                if (!signIn.memberOf(new Identity(tenantId, objectId), theirGroups).isEmpty()) {
                    accounts.put(objectId, new Account(objectId, true));
                }
            } catch (com.custodian.directory.DirectoryUnavailableException e) {
                accounts.putIfAbsent(objectId, new Account(objectId, false, true));
            }
        });
        return accounts;
    }
}
