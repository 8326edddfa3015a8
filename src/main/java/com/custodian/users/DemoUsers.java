package com.custodian.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.EntraConfigured;
import com.custodian.organizations.DemoOrganizations;
import com.custodian.security.Identity;
import com.custodian.security.Scope;

/**
 * The users of the default run: the demo accounts with their roles, a service principal, and a
 * former employee whom the directory no longer knows. Added once, to an application without users,
 * and only where the local directory is in use: never against an Entra tenant.
 */
@Component
@Conditional(EntraConfigured.No.class)
@ConditionalOnProperty(name = "custodian.demo-data", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    /** A user whose object ID the local directory does not hold, as after a deletion in Entra. */
    static final UUID FORMER_EMPLOYEE = UUID.fromString("7a1c9b1d-4d8f-4b7c-8ec8-0c4d9e8f6b08");
    static final UUID PRIVACY_AUTOMATION = UUID.fromString("6f2b8a0c-3c7e-4a6b-9db7-9b3c8d7e5a07");

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final AppUserRepository users;
    private final RoleRepository roles;
    private final DirectoryService directory;
    private final Clock clock;

    DemoUsers(AppUserRepository users, RoleRepository roles, DirectoryService directory, Clock clock) {
        this.users = users;
        this.roles = roles;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // Instances starting at once take turns here: the next sees the users the first added.
        roles.lock(BuiltInRole.APP_ADMINISTRATOR.id()).orElseThrow();
        if (users.count() > 0) {
            return;
        }
        Instant now = clock.instant();
        addPerson("admin@contoso.test", BuiltInRole.APP_ADMINISTRATOR, now.minus(Duration.ofDays(30)));
        addPerson("builder@contoso.test", BuiltInRole.APP_BUILDER, now.minus(Duration.ofDays(30)));
        addPerson("operator@contoso.test", BuiltInRole.APP_OPERATOR, now.minus(Duration.ofDays(30)));
        // An operator of one site: sees Berlin's devices and rules, nothing of Seattle's.
        addPerson("lukas@contoso.test", BuiltInRole.APP_OPERATOR, DemoOrganizations.BERLIN, now.minus(Duration.ofDays(10)));
        add(PRIVACY_AUTOMATION, DirectoryObjectType.SERVICE_PRINCIPAL, BuiltInRole.APP_ADMINISTRATOR,
                now.minus(Duration.ofDays(20)));
        add(FORMER_EMPLOYEE, DirectoryObjectType.PERSON, BuiltInRole.APP_OPERATOR, now.minus(Duration.ofDays(90)));
        log.info("Added the demo users of the default run");
    }

    private void addPerson(String email, BuiltInRole role, Instant addedAt) {
        addPerson(email, role, Scope.ROOT, addedAt);
    }

    private void addPerson(String email, BuiltInRole role, UUID organization, Instant addedAt) {
        UUID objectId = directory.findPeopleByEmail(email).getFirst().objectId();
        add(objectId, DirectoryObjectType.PERSON, role, organization, addedAt);
    }

    private void add(UUID objectId, DirectoryObjectType type, BuiltInRole role, Instant addedAt) {
        add(objectId, type, role, Scope.ROOT, addedAt);
    }

    private void add(UUID objectId, DirectoryObjectType type, BuiltInRole role, UUID organization, Instant addedAt) {
        AppUser user = new AppUser(new Identity(directory.tenantId(), objectId), type, addedAt, null);
        user.getAssignments().add(new RoleAssignment(roles.getReferenceById(role.id()), organization));
        users.save(user);
    }
}
