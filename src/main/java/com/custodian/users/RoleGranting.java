package com.custodian.users;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.custodian.organizations.OrganizationsService;
import com.custodian.security.CurrentUser;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.security.Scope;

/**
 * Who may hand out which role where: a caller may only grant, take away or define a role whose
 * permissions they hold themselves, and only in an organization where they hold them (given there
 * or above). The caller's roles are read from the role assignments as they are now, not as they
 * were at sign-in.
 */
@Component
class RoleGranting {

    private final CurrentUser currentUser;
    private final AppUserRepository users;
    private final OrganizationsService organizations;

    RoleGranting(CurrentUser currentUser, AppUserRepository users, OrganizationsService organizations) {
        this.currentUser = currentUser;
        this.users = users;
        this.organizations = organizations;
    }

    Identity caller() {
        return currentUser.require().identity();
    }

    /** Each permission the caller holds now, with the organizations it was given in (one statement). */
    Map<Permission, Set<UUID>> callerGrants() {
        Identity caller = caller();
        Map<Permission, Set<UUID>> held = new EnumMap<>(Permission.class);
        users.findWithPermissions(caller.tenantId(), caller.objectId()).ifPresent(user -> user.getAssignments()
                .forEach(assignment -> assignment.getRole().getPermissions().forEach(permission -> held
                        .computeIfAbsent(permission, p -> new HashSet<>()).add(assignment.getOrganizationId()))));
        return held;
    }

    /** Whether the caller holds the role now, in some organization. */
    boolean callerHolds(UUID roleId) {
        Identity caller = caller();
        return users.findWithPermissions(caller.tenantId(), caller.objectId())
                .map(user -> user.getRoles().stream().anyMatch(role -> role.getId().equals(roleId))).orElse(false);
    }

    /**
     * The permissions the caller holds in the organization (given there or above); an
     * application-wide permission only when held at the root.
     */
    Set<Permission> callerPermissionsIn(UUID organization) {
        return permissionsIn(callerGrants(), organizations.ancestry(organization));
    }

    private static Set<Permission> permissionsIn(Map<Permission, Set<UUID>> grants, List<UUID> ancestry) {
        Set<Permission> held = new HashSet<>();
        grants.forEach((permission, where) -> {
            boolean reaches = permission.applicationWide() ? where.contains(Scope.ROOT)
                    : ancestry.stream().anyMatch(where::contains);
            if (reaches) {
                held.add(permission);
            }
        });
        return held;
    }

    /**
     * Refuses unless the caller holds every permission of every role in its organization (below the
     * root, those of the whole application give nothing, so they are not asked of the caller).
     */
    void requireGrantable(Collection<RoleAssignment> assignments) {
        Map<Permission, Set<UUID>> grants = callerGrants();
        Map<UUID, Set<Permission>> heldIn = new HashMap<>();
        for (RoleAssignment assignment : assignments) {
            Set<Permission> held = heldIn.computeIfAbsent(assignment.getOrganizationId(),
                    organization -> permissionsIn(grants, organizations.ancestry(organization)));
            boolean root = Scope.ROOT.equals(assignment.getOrganizationId());
            if (!assignment.getRole().getPermissions().stream()
                    .allMatch(permission -> held.contains(permission) || (!root && permission.applicationWide()))) {
                throw new UsersException(UsersProblem.ROLE_NOT_GRANTABLE, assignment.getRole().getName());
            }
        }
    }

    /** Refuses unless the caller holds every one of the permissions at the root (defining a role). */
    void requireGrantablePermissions(Set<Permission> permissions, String roleName) {
        if (!permissionsIn(callerGrants(), List.of(Scope.ROOT)).containsAll(permissions)) {
            throw new UsersException(UsersProblem.ROLE_NOT_GRANTABLE, roleName);
        }
    }
}
