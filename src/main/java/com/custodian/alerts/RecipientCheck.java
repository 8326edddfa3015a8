package com.custodian.alerts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.users.UserAccounts;

/**
 * The recipient rule (DESIGN.md rule 3): an address receives alert emails only if the directory
 * maps it to a current application user who has signed in at least once.
 */
@Component
class RecipientCheck {

    private final DirectoryService directory;
    private final UserAccounts accounts;

    RecipientCheck(DirectoryService directory, UserAccounts accounts) {
        this.directory = directory;
        this.accounts = accounts;
    }

    RecipientStatus status(String email) {
        List<DirectoryEntry> people;
        try {
            people = directory.findPeopleByEmail(email);
        } catch (DirectoryUnavailableException e) {
            return RecipientStatus.DIRECTORY_UNAVAILABLE;
        }
        if (people.isEmpty()) {
            return RecipientStatus.NOT_A_USER;
        }
        Map<UUID, UserAccounts.Account> found = accounts.accounts(directory.tenantId(),
                people.stream().map(DirectoryEntry::objectId).toList());
        return status(found.values());
    }

    /**
     * What an address's accounts make it: a signed-in user if any is; unknown while only a group
     * could make it one and the directory cannot say (the email waits); else never signed in or none.
     */
    private static RecipientStatus status(java.util.Collection<UserAccounts.Account> accounts) {
        if (accounts.stream().anyMatch(UserAccounts.Account::signedIn)) {
            return RecipientStatus.SIGNED_IN_USER;
        }
        if (accounts.stream().anyMatch(UserAccounts.Account::membershipUnknown)) {
            return RecipientStatus.DIRECTORY_UNAVAILABLE;
        }
        return accounts.isEmpty() ? RecipientStatus.NOT_A_USER : RecipientStatus.NEVER_SIGNED_IN;
    }

    /**
     * The status of each address, with one question to the application's users for all of them
     * (the directory answers each address from its cache after the first time).
     */
    Map<String, RecipientStatus> statuses(java.util.Collection<String> emails) {
        Map<String, List<DirectoryEntry>> people = new java.util.LinkedHashMap<>();
        Map<String, RecipientStatus> statuses = new java.util.HashMap<>();
        for (String email : emails) {
            try {
                people.put(email, directory.findPeopleByEmail(email));
            } catch (DirectoryUnavailableException e) {
                statuses.put(email, RecipientStatus.DIRECTORY_UNAVAILABLE);
            }
        }
        List<UUID> objectIds = people.values().stream().flatMap(List::stream).map(DirectoryEntry::objectId).distinct()
                .toList();
        Map<UUID, UserAccounts.Account> found = objectIds.isEmpty() ? Map.of()
                : accounts.accounts(directory.tenantId(), objectIds);
        people.forEach((email, entries) -> statuses.put(email, status(entries.stream()
                .map(entry -> found.get(entry.objectId())).filter(java.util.Objects::nonNull).toList())));
        return statuses;
    }
}
