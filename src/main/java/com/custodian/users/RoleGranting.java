package com.custodian.users;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.custodian.security.CurrentUser;
import com.custodian.security.Identity;
import com.custodian.security.Permission;

/**
 * Who may hand out which role: a caller may only grant, take away or define a role whose
 * permissions they hold themselves. The caller's permissions are read from the role assignments
 * as they are now, not as they were at sign-in.
 */
@Component
class RoleGranting {

    private final CurrentUser currentUser;
    private final AppUserRepository users;

    RoleGranting(CurrentUser currentUser, AppUserRepository users) {
        this.currentUser = currentUser;
        this.users = users;
    }

    Identity caller() {
        return currentUser.require().identity();
    }

    /** The caller's permissions now (one statement). */
    Set<Permission> callerPermissions() {
        Identity caller = caller();
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        users.findWithPermissions(caller.tenantId(), caller.objectId())
                .ifPresent(user -> user.getRoles().forEach(role -> held.addAll(role.getPermissions())));
        return held;
    }

    /** Whether the caller holds the role now. */
    boolean callerHolds(java.util.UUID roleId) {
        Identity caller = caller();
        return users.findWithPermissions(caller.tenantId(), caller.objectId())
                .map(user -> user.getRoles().stream().anyMatch(role -> role.getId().equals(roleId))).orElse(false);
    }

    /** Refuses unless the caller holds every permission of every role. */
    void requireGrantable(Collection<Role> roles) {
        Set<Permission> held = callerPermissions();
        for (Role role : roles) {
            if (!held.containsAll(role.getPermissions())) {
                throw new UsersException(UsersProblem.ROLE_NOT_GRANTABLE, role.getName());
            }
        }
    }

    /** Refuses unless the caller holds every one of the permissions. */
    void requireGrantablePermissions(Set<Permission> permissions, String roleName) {
        if (!callerPermissions().containsAll(permissions)) {
            throw new UsersException(UsersProblem.ROLE_NOT_GRANTABLE, roleName);
        }
    }
}
