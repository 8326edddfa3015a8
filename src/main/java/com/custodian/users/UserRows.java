package com.custodian.users;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryService;

/** Turns a page of users into rows: their roles in one statement, their directory entries in one request. */
@Component
class UserRows {

    private final AppUserRepository users;
    private final DirectoryService directory;

    UserRows(AppUserRepository users, DirectoryService directory) {
        this.users = users;
        this.directory = directory;
    }

    List<UserRow> of(List<AppUser> page) {
        return of(page, List.of()).rows();
    }

    /** As {@link #of(List)}, showing only the assignments in these organizations (all when null). */
    List<UserRow> of(List<AppUser> page, java.util.Set<java.util.UUID> shownOrganizations) {
        return of(page, List.of(), shownOrganizations).rows();
    }

    Page of(List<AppUser> page, java.util.Collection<java.util.UUID> alsoResolve) {
        return of(page, alsoResolve, null);
    }

    /**
     * The rows, with the directory's answers of one request (groups asked with their member count)
     * about the page's users and about {@code alsoResolve}, which the caller reads from the answer.
     */
    Page of(List<AppUser> page, java.util.Collection<java.util.UUID> alsoResolve,
            java.util.Set<java.util.UUID> shownOrganizations) {
        java.util.Set<java.util.UUID> ids = new java.util.LinkedHashSet<>();
        page.forEach(user -> ids.add(user.getObjectId()));
        ids.addAll(alsoResolve);
        DirectoryLookup lookup = directory.resolve(ids, page.stream()
                .filter(user -> user.getType() == com.custodian.directory.DirectoryObjectType.GROUP)
                .map(AppUser::getObjectId).toList());
        return new Page(of(page, lookup, shownOrganizations), lookup);
    }

    record Page(List<UserRow> rows, DirectoryLookup lookup) {
    }

    private List<UserRow> of(List<AppUser> page, DirectoryLookup lookup, java.util.Set<java.util.UUID> shown) {
        if (page.isEmpty()) {
            return List.of();
        }
        if (page.stream().anyMatch(user -> !org.hibernate.Hibernate.isInitialized(user.getAssignments()))) {
            users.fetchRoles(page.stream().map(AppUser::getId).toList());
        }
        List<UserRow> rows = new ArrayList<>(page.size());
        for (AppUser user : page) {
            DirectoryEntry entry = lookup.entry(user.getObjectId()).orElse(null);
            List<UserRow.Assignment> assignments = user.getAssignments().stream()
                    .filter(assignment -> shown == null || shown.contains(assignment.getOrganizationId()))
                    .map(assignment -> new UserRow.Assignment(assignment.getRole().toSummary(),
                            shared(assignment.getOrganizationId())))
                    .sorted(Comparator.comparing((UserRow.Assignment assignment) -> assignment.role().name())
                            .thenComparing(assignment -> assignment.organizationId()))
                    .toList();
            List<RoleSummary> roleSummaries = assignments.stream().map(UserRow.Assignment::role).distinct().toList();
            rows.add(new UserRow(user.getId(), shared(user.getTenantId()), user.getObjectId(), user.getType(), roleSummaries,
                    user.getAddedAt(), user.getAddedBy(), user.getFirstSignInAt(), user.getLastSignInAt(),
                    lookup.status(user.getObjectId()),
                    entry == null ? null : entry.email(), entry == null ? null : entry.displayName(),
                    user.getVersion(), entry == null ? null : entry.memberCount(), assignments));
        }
        return rows;
    }

    /**
     * The directory's tenant and the root organization as one instance each: a grid keeps its rows
     * while they are shown, and nearly every row names both.
     */
    private UUID shared(UUID id) {
        UUID tenant = directory.tenantId();
        return id.equals(tenant) ? tenant : id.equals(com.custodian.security.Scope.ROOT) ? com.custodian.security.Scope.ROOT : id;
    }
}
