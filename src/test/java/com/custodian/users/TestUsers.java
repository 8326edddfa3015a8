package com.custodian.users;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.security.Identity;

/** Adds and removes application users directly, for tests of other features. */
public final class TestUsers {

    private final AppUserRepository users;
    private final RoleRepository roles;
    private final TransactionTemplate transactions;
    private final GroupSignInRepository groupSignIns;

    public TestUsers(ApplicationContext context) {
        this.groupSignIns = context.getBean(GroupSignInRepository.class);
        this.users = context.getBean(AppUserRepository.class);
        this.roles = context.getBean(RoleRepository.class);
        this.transactions = context.getBean(TransactionTemplate.class);
    }

    /** Adds a person holding the roles (none for an application user without any role). */
    public long add(Identity identity, BuiltInRole... builtInRoles) {
        return add(identity, DirectoryObjectType.PERSON, builtInRoles);
    }

    /** Adds a service principal holding the roles. */
    public long addServicePrincipal(Identity identity, BuiltInRole... builtInRoles) {
        return add(identity, DirectoryObjectType.SERVICE_PRINCIPAL, builtInRoles);
    }

    /** Assigns a group the roles (as an administrator would, without the audit entry). */
    public long addGroup(Identity identity, BuiltInRole... builtInRoles) {
        return add(identity, DirectoryObjectType.GROUP, builtInRoles);
    }

    private long add(Identity identity, DirectoryObjectType type, BuiltInRole... builtInRoles) {
        return transactions.execute(status -> {
            AppUser user = new AppUser(identity, type, Instant.now(), null);
            for (BuiltInRole role : builtInRoles) {
                user.getAssignments().add(new RoleAssignment(roles.getReferenceById(role.id()), com.custodian.security.Scope.ROOT));
            }
            return users.save(user).getId();
        });
    }

    /** Adds a person holding one role, built-in or custom. */
    public long addWithRole(Identity identity, UUID roleId) {
        return transactions.execute(status -> {
            AppUser user = new AppUser(identity, DirectoryObjectType.PERSON, Instant.now(), null);
            user.getAssignments().add(new RoleAssignment(roles.getReferenceById(roleId), com.custodian.security.Scope.ROOT));
            return users.save(user).getId();
        });
    }

    public void remove(long id) {
        users.deleteById(id);
    }

    /** The groups (their object IDs) through which the identity has a sign-in record. */
    public java.util.Set<UUID> signedInThroughGroups(Identity identity) {
        GroupSignInRepository records = groupSignIns;
        java.util.Set<UUID> groups = new java.util.HashSet<>();
        for (GroupSignIn record : records.findByTenantIdAndObjectId(identity.tenantId(), identity.objectId())) {
            users.findById(record.getGroupUserId()).ifPresent(group -> groups.add(group.getObjectId()));
        }
        return groups;
    }

    public Optional<Instant> firstSignIn(Identity identity) {
        return users.findWithPermissions(identity.tenantId(), identity.objectId()).map(AppUser::getFirstSignInAt);
    }

    public static UUID randomObjectId() {
        return UUID.randomUUID();
    }
}
