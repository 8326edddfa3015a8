package com.custodian.alerts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.custodian.base.i18n.Text;
import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.users.UserReferences;
import com.custodian.users.UsersRemoved;

/**
 * Deleting a user takes their address off every alert rule, in the deletion's transaction
 * (IoT Central leaves it on each rule to be removed by hand). Their address comes from the
 * directory; if the directory does not answer, the deletion fails and nothing changes.
 */
@Component
class AlertUserCleanup implements UserReferences {

    private final DirectoryService directory;
    private final AlertRulesService rules;

    AlertUserCleanup(DirectoryService directory, AlertRulesService rules) {
        this.directory = directory;
        this.rules = rules;
    }

    @Override
    public List<Text> describe(List<Identity> people) {
        DirectoryLookup lookup = directory.resolve(people.stream().map(Identity::objectId).toList());
        if (!lookup.directoryAnswered()) {
            return List.of(Text.of("alerts.user-references.directory-unavailable"));
        }
        Set<String> emails = emails(people, lookup);
        List<Text> lines = new ArrayList<>();
        rules.rulesByAddress(emails).forEach((email, names) -> lines.add(Text.of("alerts.user-references.on-rules",
                email, names.size(), String.join(", ", names))));
        return lines;
    }

    /** In the deleting transaction: a failure here rolls the deletion back. */
    @EventListener
    void on(UsersRemoved removed) {
        if (!removed.removeReferences()) {
            return;
        }
        DirectoryLookup lookup = directory.resolve(removed.identities().stream().map(Identity::objectId).toList());
        if (!lookup.directoryAnswered()) {
            throw new com.custodian.directory.DirectoryUnavailableException(
                    "The directory did not answer, so the users' addresses on alert rules cannot be found");
        }
        Set<String> emails = emails(removed.identities(), lookup);
        if (!emails.isEmpty()) {
            rules.removeAddresses(emails, "user-deleted");
        }
    }

    private static Set<String> emails(List<Identity> people, DirectoryLookup lookup) {
        Set<String> emails = new LinkedHashSet<>();
        // Mail and user principal name: rules may carry either.
        people.forEach(person -> lookup.entry(person.objectId()).map(DirectoryEntry::addresses)
                .ifPresent(emails::addAll));
        return emails;
    }
}
