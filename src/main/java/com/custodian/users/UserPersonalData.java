package com.custodian.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.NonPersonalData;
import com.custodian.base.personaldata.PersonalData;
import com.custodian.security.Permission;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The users feature's part of the personal-data contract: a person's application user record and
 * role assignments, found by Entra object ID, and their object ID where it records them as the one
 * who added another user. Email addresses are not stored here; the directory holds them.
 */
@Component
class UserPersonalData implements PersonalData, NonPersonalData {

    static final String CATEGORY = "users";
    private static final String MANAGE_DATA_REQUESTS = "hasRole('" + Permission.Names.MANAGE_DATA_REQUESTS + "')";

    private final AppUserRepository users;
    private final UsersService usersService;
    private final GroupSignInRepository groupSignIns;
    private final UserSignIn signIn;
    private final com.custodian.directory.DirectoryService directory;
    private final JsonMapper json = JsonMapper.builder().build();
    private final com.custodian.organizations.OrganizationsService organizations;

    /** Each organization's name as stored (the root's in each reader's language): one statement. */
    private Map<UUID, Object> organizationNames() {
        Map<UUID, Object> names = new java.util.HashMap<>();
        organizations.tree().forEach(row -> names.put(row.id(),
                com.custodian.organizations.OrganizationsService.nameOf(row)));
        return names;
    }

    /** The user's roles, each below the root with its organization, for discovery. */
    private static Object assignmentsText(AppUser user, Map<UUID, Object> organizationNames) {
        return Text.joined("list.pair", user.getAssignments().stream()
                .sorted(java.util.Comparator.comparing((RoleAssignment assignment) -> assignment.getRole().getName())
                        .thenComparing(RoleAssignment::getOrganizationId))
                .map(assignment -> com.custodian.security.Scope.ROOT.equals(assignment.getOrganizationId())
                        ? roleName(assignment.getRole())
                        : Text.of("users.role-in", roleName(assignment.getRole()),
                                organizationNames.getOrDefault(assignment.getOrganizationId(), "")))
                .toList());
    }

    UserPersonalData(AppUserRepository users, UsersService usersService, GroupSignInRepository groupSignIns,
            UserSignIn signIn, com.custodian.directory.DirectoryService directory,
            com.custodian.organizations.OrganizationsService organizations) {
        this.organizations = organizations;
        this.users = users;
        this.usersService = usersService;
        this.groupSignIns = groupSignIns;
        this.signIn = signIn;
        this.directory = directory;
    }

    /**
     * What the subject holds through groups, asked of the directory now (membership is Entra's, not
     * stored here), and their records of signing in through groups.
     */
    private record GroupHolding(Map<UUID, List<AppUser>> giving, boolean unchecked, List<GroupSignIn> signIns,
            Map<Long, AppUser> groupsById, com.custodian.directory.DirectoryLookup names) {

        Object name(AppUser group) {
            return names.entry(group.getObjectId()).map(com.custodian.directory.DirectoryEntry::displayName)
                    .<Object>map(name -> name).orElse(group.getObjectId().toString());
        }
    }

    private GroupHolding groups(Set<UUID> objectIds) {
        Map<UUID, List<AppUser>> giving = new LinkedHashMap<>();
        boolean unchecked = false;
        Map<Long, AppUser> groupsById = new java.util.HashMap<>();
        for (UUID objectId : objectIds) {
            var groups = signIn.givingGroups(new com.custodian.security.Identity(directory.tenantId(), objectId));
            if (groups.isEmpty()) {
                unchecked = true;
            } else if (!groups.get().isEmpty()) {
                giving.put(objectId, groups.get());
                groups.get().forEach(group -> groupsById.put(group.getId(), group));
            }
        }
        List<GroupSignIn> records = groupSignIns.findByTenantIdAndObjectIdIn(directory.tenantId(), objectIds);
        Set<Long> missing = new java.util.HashSet<>();
        records.forEach(record -> {
            if (!groupsById.containsKey(record.getGroupUserId())) {
                missing.add(record.getGroupUserId());
            }
        });
        if (!missing.isEmpty()) {
            users.findAllById(missing).forEach(group -> groupsById.put(group.getId(), group));
        }
        var names = directory.resolve(groupsById.values().stream().map(AppUser::getObjectId).toList());
        return new GroupHolding(giving, unchecked, records, groupsById, names);
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("app_user", "role_assignment", "group_sign_in");
    }

    @Override
    public Map<String, String> nonPersonalTables() {
        String roles = "Roles: names and permissions defined by administrators; who holds a role is in role_assignment";
        return Map.of("app_role", roles, "role_permission", roles);
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(readOnly = true)
    public Holding find(DataSubject subject) {
        Set<UUID> objectIds = objectIds(subject);
        if (objectIds.isEmpty()) {
            return Holding.none(CATEGORY);
        }
        List<AppUser> found = users.findWithRolesByObjectIds(objectIds);
        long added = users.countByAddedByIn(objectIds);
        Map<UUID, Object> organizationNames = organizationNames();
        List<Text> details = new java.util.ArrayList<>(found.stream().map(user -> Text.of("requests.holding.user",
                user.getObjectId().toString(), user.getAssignments().size(), assignmentsText(user, organizationNames)))
                .toList());
        if (added > 0) {
            details.add(Text.of("requests.holding.user-added-others", added));
        }
        GroupHolding groups = groups(objectIds);
        groups.giving().forEach((objectId, giving) -> giving.forEach(group -> details.add(Text.of(
                "requests.holding.group-access", objectId.toString(), groups.name(group),
                Text.joined("list.pair", group.getRoles().stream().sorted(java.util.Comparator.comparing(Role::getName))
                        .map(UserPersonalData::roleName).toList())))));
        if (groups.unchecked()) {
            details.add(Text.of("requests.holding.group-access-unchecked"));
        }
        for (GroupSignIn record : groups.signIns()) {
            // A record whose group was removed meanwhile went with it.
            AppUser group = groups.groupsById().get(record.getGroupUserId());
            if (group != null) {
                details.add(Text.of("requests.holding.group-sign-in", record.getObjectId().toString(),
                        groups.name(group), day(record.getFirstSignInAt()), day(record.getLastSignInAt())));
            }
        }
        return new Holding(CATEGORY, found.size() + added + groups.signIns().size(), details);
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(readOnly = true)
    public void export(DataSubject subject, ExportBundle bundle) {
        Set<UUID> objectIds = objectIds(subject);
        List<AppUser> found = objectIds.isEmpty() ? List.of() : users.findWithRolesByObjectIds(objectIds);
        Map<UUID, Object> organizationNames = organizationNames();
        long added = objectIds.isEmpty() ? 0 : users.countByAddedByIn(objectIds);
        GroupHolding groups = groups(objectIds);
        bundle.file("users.json", out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeName("users");
                generator.writeStartArray();
                for (AppUser user : found) {
                    generator.writeStartObject();
                    generator.writeStringProperty("objectId", user.getObjectId().toString());
                    generator.writeStringProperty("tenantId", user.getTenantId().toString());
                    generator.writeStringProperty("type", user.getType().name());
                    generator.writeName("roles");
                    generator.writeStartArray();
                    for (String role : user.getRoles().stream().map(Role::getName).sorted().toList()) {
                        generator.writeString(role);
                    }
                    generator.writeEndArray();
                    // Where each role was given: it applies in that organization and below it.
                    generator.writeName("roleAssignments");
                    generator.writeStartArray();
                    for (RoleAssignment assignment : user.getAssignments().stream()
                            .sorted(java.util.Comparator.comparing((RoleAssignment a) -> a.getRole().getName())
                                    .thenComparing(RoleAssignment::getOrganizationId)).toList()) {
                        generator.writeStartObject();
                        generator.writeStringProperty("role", assignment.getRole().getName());
                        generator.writeStringProperty("organizationId", assignment.getOrganizationId().toString());
                        Object organization = organizationNames.get(assignment.getOrganizationId());
                        generator.writeStringProperty("organization", organization instanceof String name ? name : null);
                        generator.writeEndObject();
                    }
                    generator.writeEndArray();
                    generator.writeStringProperty("addedAt", String.valueOf(user.getAddedAt()));
                    generator.writeStringProperty("firstSignInAt", text(user.getFirstSignInAt()));
                    generator.writeStringProperty("lastSignInAt", text(user.getLastSignInAt()));
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeName("accessThroughGroups");
                generator.writeStartArray();
                for (var entry : groups.giving().entrySet()) {
                    for (AppUser group : entry.getValue()) {
                        generator.writeStartObject();
                        generator.writeStringProperty("objectId", entry.getKey().toString());
                        generator.writeStringProperty("groupObjectId", group.getObjectId().toString());
                        generator.writeStringProperty("groupName", String.valueOf(groups.name(group)));
                        generator.writeName("roles");
                        generator.writeStartArray();
                        for (String role : group.getRoles().stream().map(Role::getName).sorted().toList()) {
                            generator.writeString(role);
                        }
                        generator.writeEndArray();
                        generator.writeEndObject();
                    }
                }
                generator.writeEndArray();
                generator.writeBooleanProperty("groupMembershipUnchecked", groups.unchecked());
                generator.writeName("signInsThroughGroups");
                generator.writeStartArray();
                for (GroupSignIn record : groups.signIns()) {
                    AppUser group = groups.groupsById().get(record.getGroupUserId());
                    generator.writeStartObject();
                    generator.writeStringProperty("objectId", record.getObjectId().toString());
                    generator.writeStringProperty("groupObjectId", group == null ? null : group.getObjectId().toString());
                    generator.writeStringProperty("groupName", group == null ? null : String.valueOf(groups.name(group)));
                    generator.writeStringProperty("firstSignInAt", record.getFirstSignInAt().toString());
                    generator.writeStringProperty("lastSignInAt", record.getLastSignInAt().toString());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeNumberProperty("usersAddedBySubject", added);
                generator.writeEndObject();
            }
        });
        bundle.count("users", found.size());
        bundle.count("roleAssignments", found.stream().mapToLong(user -> user.getAssignments().size()).sum());
        bundle.count("signInsThroughGroups", groups.signIns().size());
        bundle.included(Text.of("requests.export.included.users"));
        bundle.excluded(Text.of("requests.export.excluded.who-added"));
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(readOnly = true)
    public List<Text> erasureBlockers(DataSubject subject) {
        return usersService.erasureBlockers(objectIds(subject));
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(DataSubject subject) {
        Set<UUID> objectIds = objectIds(subject);
        UsersService.ErasedPeople erased = usersService.erasePeople(objectIds);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users", erased.users());
        counts.put("roleAssignments", erased.roleAssignments());
        counts.put("addedByReferences", erased.addedByReferences());
        counts.put("signInsThroughGroups", erased.signInsThroughGroups());
        return new Erased(CATEGORY, counts);
    }

    private static Set<UUID> objectIds(DataSubject subject) {
        return switch (subject) {
            case DataSubject.Person person -> person.objectIds();
            case DataSubject.Devices devices -> Set.of();
        };
    }

    /** A built-in role by its name in the reader's language; a custom role as named. */
    static Object roleName(Role role) {
        return role.isBuiltIn() ? BuiltInRole.of(role.getId()).<Object>map(r -> Text.of(r.labelKey())).orElse(role.getName())
                : role.getName();
    }

    /** The UTC day, as in the rest of a request's discovery. */
    private static String day(java.time.Instant at) {
        return java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
