package com.custodian.users;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.security.SignInAccess;

/** Answers sign-ins from the role assignments, and records when each user signed in. */
@Component
class UserSignIn implements SignInAccess {

    private final AppUserRepository users;
    private final Clock clock;

    UserSignIn(AppUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Set<Permission> signIn(Identity identity) {
        return users.findWithPermissions(identity.tenantId(), identity.objectId()).map(user -> {
            // A bulk update, so that signing in does not bump the version an administrator may be editing.
            users.recordSignIn(user.getId(), clock.instant());
            return permissionsOf(user);
        }).orElseGet(() -> EnumSet.noneOf(Permission.class));
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Permission> currentPermissions(Identity identity) {
        return users.findWithPermissions(identity.tenantId(), identity.objectId()).map(UserSignIn::permissionsOf)
                .orElseGet(() -> EnumSet.noneOf(Permission.class));
    }

    private static Set<Permission> permissionsOf(AppUser user) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        user.getRoles().forEach(role -> permissions.addAll(role.getPermissions()));
        return permissions;
    }
}
