package com.custodian.users;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;

/**
 * Makes the object ID in {@code CUSTODIAN_BOOTSTRAP_ADMIN} an App Administrator at start, while the
 * application has no App Administrator: how a new deployment gets its first one.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final String objectId;
    private final AppUserRepository users;
    private final RoleRepository roles;
    private final DirectoryService directory;
    private final Clock clock;

    BootstrapAdministrator(@Value("${custodian.bootstrap-admin:}") String objectId, AppUserRepository users,
            RoleRepository roles, DirectoryService directory, Clock clock) {
        this.objectId = objectId == null ? "" : objectId.strip();
        this.users = users;
        this.roles = roles;
        this.directory = directory;
        this.clock = clock;
        if (!this.objectId.isEmpty()) {
            parse(this.objectId);
        }
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (objectId.isEmpty()) {
            return;
        }
        // Instances starting at once take turns here: the next sees the administrator the first added.
        roles.lock(BuiltInRole.APP_ADMINISTRATOR.id()).orElseThrow();
        if (users.countHoldersIn(BuiltInRole.APP_ADMINISTRATOR.id(), com.custodian.security.Scope.ROOT) > 0) {
            return;
        }
        UUID id = parse(objectId);
        Identity identity = new Identity(directory.tenantId(), id);
        Role administrator = roles.getReferenceById(BuiltInRole.APP_ADMINISTRATOR.id());
        AppUser user = users.findWithPermissions(identity.tenantId(), identity.objectId()).orElseGet(() -> {
            DirectoryObjectType type = directory.resolve(java.util.List.of(id)).entry(id)
                    .map(DirectoryEntry::type).orElse(DirectoryObjectType.PERSON);
            return new AppUser(identity, type, clock.instant(), null);
        });
        user.getAssignments().add(new RoleAssignment(administrator, com.custodian.security.Scope.ROOT));
        users.save(user);
        log.info("CUSTODIAN_BOOTSTRAP_ADMIN: object ID {} is now an App Administrator (the application had none)", id);
    }

    private static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "CUSTODIAN_BOOTSTRAP_ADMIN must be an Entra object ID (a GUID such as "
                            + "0f8d2f4e-6c1b-4e0a-9a51-3b7c2d1e9a01)", e);
        }
    }
}
