package com.custodian.directory.local;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryPort;
import com.custodian.directory.EntraConfigured;

/**
 * The directory of the default run: a fixed list of made-up people and one service principal in a
 * made-up tenant, with stable object IDs, so that the application can be tried without an Entra
 * tenant. Some of the people are not application users, so that assigning a user by email can be
 * tried.
 */
@Component
@Conditional(EntraConfigured.No.class)
public class LocalDirectory implements DirectoryPort {

    /** Demo groups: Dana is in the operators, who are in the privacy team too (a nested group). */
    public static final UUID CONTOSO_OPERATORS = UUID.fromString("9c2e4a6b-1d3f-4e5a-8b7c-6d5e4f3a2b10");
    public static final UUID PRIVACY_TEAM = UUID.fromString("9c2e4a6b-1d3f-4e5a-8b7c-6d5e4f3a2b11");
    private static final UUID DANA = UUID.fromString("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04");
    /** Group → its direct members (people or groups). */
    private static final Map<UUID, java.util.Set<UUID>> MEMBERS = Map.of(
            CONTOSO_OPERATORS, java.util.Set.of(DANA),
            PRIVACY_TEAM, java.util.Set.of(CONTOSO_OPERATORS));

    /** Everyone and every group in the local directory. Object IDs never change: demo data and tests rely on them. */
    public static final List<DirectoryEntry> ENTRIES = List.of(
            person("0f8d2f4e-6c1b-4e0a-9a51-3b7c2d1e9a01", "Adele Vance", "admin@contoso.test"),
            person("1c7e3a5b-8d2f-4b1c-8e62-4c8d3e2f0b02", "Ben Walters", "builder@contoso.test"),
            person("2b6f4c6d-9e3a-4c2d-9f73-5d9e4f3a1c03", "Olivia Park", "operator@contoso.test"),
            person("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04", "Dana Whitfield", "dana@contoso.test"),
            person("4d4f6e8a-1a5c-4e4f-9b95-7f1a6b5c3e05", "Erin Castillo", "erin@contoso.test"),
            person("7c2d8e4f-6a1b-4c3d-9e5f-1b2c3d4e5f12", "Lukas Becker", "lukas@contoso.test"),
            // Signs in as frank.osei@contoso.onmicrosoft.test: his user principal name is not his mail.
            new DirectoryEntry(UUID.fromString("5e3a7f9b-2b6d-4f5a-8ca6-8a2b7c6d4f06"), DirectoryObjectType.PERSON,
                    "Frank Osei", "frank@contoso.test", "frank.osei@contoso.onmicrosoft.test"),
            new DirectoryEntry(UUID.fromString("6f2b8a0c-3c7e-4a6b-9db7-9b3c8d7e5a07"),
                    DirectoryObjectType.SERVICE_PRINCIPAL, "Privacy automation", null),
            new DirectoryEntry(UUID.fromString("8b1d9c2e-5f3a-4b7c-8d9e-0a1b2c3d4e09"),
                    DirectoryObjectType.SERVICE_PRINCIPAL, "Telemetry exporter", null),
            new DirectoryEntry(CONTOSO_OPERATORS, DirectoryObjectType.GROUP, "Contoso Operators", null),
            new DirectoryEntry(PRIVACY_TEAM, DirectoryObjectType.GROUP, "Contoso Privacy Team", null));

    private final UUID tenantId;
    private final Map<UUID, DirectoryEntry> byId = ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(DirectoryEntry::objectId, Function.identity()));

    public LocalDirectory(@Value("${custodian.local.tenant-id}") UUID tenantId) {
        this.tenantId = tenantId;
    }

    @Override
    public UUID tenantId() {
        return tenantId;
    }

    @Override
    public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds) {
        return objectIds.stream().distinct().filter(byId::containsKey)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), byId::get));
    }

    @Override
    public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds, Collection<UUID> countMembersOf) {
        Map<UUID, DirectoryEntry> found = new java.util.HashMap<>(findByIds(objectIds));
        for (UUID group : countMembersOf) {
            found.computeIfPresent(group, (id, entry) -> entry.type() == DirectoryObjectType.GROUP
                    ? entry.withMemberCount(people(id, new java.util.HashSet<>()).size()) : entry);
        }
        return found;
    }

    /** The people in the group, directly or through groups inside it. */
    private java.util.Set<UUID> people(UUID group, java.util.Set<UUID> seen) {
        java.util.Set<UUID> people = new java.util.HashSet<>();
        if (seen.add(group)) {
            for (UUID member : MEMBERS.getOrDefault(group, java.util.Set.of())) {
                if (MEMBERS.containsKey(member)) {
                    people.addAll(people(member, seen));
                } else if (byId.containsKey(member) && byId.get(member).type() == DirectoryObjectType.PERSON) {
                    people.add(member);
                }
            }
        }
        return people;
    }

    @Override
    public List<DirectoryEntry> findPeopleByEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return ENTRIES.stream()
                .filter(entry -> entry.type() == DirectoryObjectType.PERSON)
                .filter(entry -> entry.addresses().contains(wanted))
                .toList();
    }

    @Override
    public List<DirectoryEntry> search(String text, int max) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return ENTRIES.stream()
                .filter(entry -> startsWith(entry.displayName(), wanted) || startsWith(entry.email(), wanted)
                        || words(entry.displayName()).anyMatch(word -> word.startsWith(wanted)))
                .limit(max)
                .toList();
    }

    @Override
    public List<DirectoryEntry> findGroups(String namePrefix, int max) {
        String wanted = namePrefix.strip().toLowerCase(Locale.ROOT);
        return ENTRIES.stream().filter(entry -> entry.type() == DirectoryObjectType.GROUP)
                .filter(entry -> startsWith(entry.displayName(), wanted)).limit(max).toList();
    }

    @Override
    public java.util.Set<UUID> memberOf(UUID person, Collection<UUID> groups) {
        java.util.Set<UUID> member = new java.util.LinkedHashSet<>();
        for (UUID group : groups) {
            if (contains(group, person, new java.util.HashSet<>())) {
                member.add(group);
            }
        }
        return member;
    }

    @Override
    public Map<UUID, java.util.Set<UUID>> memberships(Map<UUID, ? extends Collection<UUID>> groupsByObject) {
        Map<UUID, java.util.Set<UUID>> answers = new java.util.HashMap<>();
        groupsByObject.forEach((object, groups) -> answers.put(object, memberOf(object, groups)));
        return answers;
    }

    /** Whether the group holds the object directly or through a group inside it. */
    private static boolean contains(UUID group, UUID object, java.util.Set<UUID> seen) {
        if (!seen.add(group)) {
            return false; // a cycle of groups
        }
        java.util.Set<UUID> members = MEMBERS.getOrDefault(group, java.util.Set.of());
        return members.contains(object) || members.stream().anyMatch(inner -> contains(inner, object, seen));
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    private static java.util.stream.Stream<String> words(String value) {
        return value == null ? java.util.stream.Stream.empty()
                : java.util.Arrays.stream(value.toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static DirectoryEntry person(String objectId, String name, String email) {
        return new DirectoryEntry(UUID.fromString(objectId), DirectoryObjectType.PERSON, name, email);
    }
}
