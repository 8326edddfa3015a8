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
    private final JsonMapper json = JsonMapper.builder().build();

    UserPersonalData(AppUserRepository users, UsersService usersService) {
        this.users = users;
        this.usersService = usersService;
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("app_user", "role_assignment");
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
        List<Text> details = new java.util.ArrayList<>(found.stream().map(user -> Text.of("requests.holding.user",
                user.getObjectId().toString(), user.getRoles().size(), Text.joined("list.pair", user.getRoles().stream()
                        .sorted(java.util.Comparator.comparing(Role::getName)).map(UserPersonalData::roleName).toList())))
                .toList());
        if (added > 0) {
            details.add(Text.of("requests.holding.user-added-others", added));
        }
        return new Holding(CATEGORY, found.size() + added, details);
    }

    @Override
    @PreAuthorize(MANAGE_DATA_REQUESTS)
    @Transactional(readOnly = true)
    public void export(DataSubject subject, ExportBundle bundle) {
        Set<UUID> objectIds = objectIds(subject);
        List<AppUser> found = objectIds.isEmpty() ? List.of() : users.findWithRolesByObjectIds(objectIds);
        long added = objectIds.isEmpty() ? 0 : users.countByAddedByIn(objectIds);
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
                    generator.writeStringProperty("addedAt", String.valueOf(user.getAddedAt()));
                    generator.writeStringProperty("firstSignInAt", text(user.getFirstSignInAt()));
                    generator.writeStringProperty("lastSignInAt", text(user.getLastSignInAt()));
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeNumberProperty("usersAddedBySubject", added);
                generator.writeEndObject();
            }
        });
        bundle.count("users", found.size());
        bundle.count("roleAssignments", found.stream().mapToLong(user -> user.getRoles().size()).sum());
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
        List<AppUser> found = objectIds.isEmpty() ? List.of() : users.findWithRolesByObjectIds(objectIds);
        long assignments = found.stream().mapToLong(user -> user.getRoles().size()).sum();
        long[] erased = usersService.erasePeople(objectIds);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users", erased[0]);
        counts.put("roleAssignments", assignments);
        counts.put("addedByReferences", erased[1]);
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

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
