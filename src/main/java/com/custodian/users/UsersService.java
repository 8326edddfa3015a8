package com.custodian.users;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryStatus;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.organizations.OrganizationsService;
import com.custodian.organizations.Reach;
import com.custodian.security.Identity;
import com.custodian.security.Scope;
import com.custodian.security.PermissionsChanged;
import com.custodian.security.Permission;

/**
 * The application's users and their role assignments: listing, assigning people and service
 * principals, changing roles in place, and deleting. Every method checks the caller's permission
 * itself. No change may leave the application without a person holding App Administrator.
 */
@Service
public class UsersService {

    /** Audit trail actions (not texts for people). */
    private static final String USER_ASSIGNED = "user.assigned";
    private static final String SERVICE_PRINCIPAL_ASSIGNED = "service-principal.assigned";
    private static final String GROUP_ASSIGNED = "group.assigned";
    private static final String USER_ROLES_CHANGED = "user.roles-changed";
    private static final String GROUP_ROLES_CHANGED = "group.roles-changed";
    /** How many groups a name search offers. */
    public static final int MAX_GROUP_MATCHES = 20;
    /** How many of a group's signed-in members its page lists (the most recent). */
    public static final int MAX_GROUP_MEMBERS_SHOWN = 500;

    /** The largest page a caller may ask for; the grid asks for far less. */
    public static final int MAX_PAGE_SIZE = 500;
    /** The most users one deletion takes. */
    public static final int MAX_DELETE = 10_000;
    /** How many directory matches a text filter considers. */
    static final int MAX_TEXT_MATCHES = 500;

    private static final String MANAGE_USERS = "hasRole('" + Permission.Names.MANAGE_USERS + "')";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final AppUserRepository users;
    private final RoleRepository roles;
    private final DirectoryService directory;
    private final RoleGranting granting;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final UserRows rows;
    private final UserPages pages;
    private final List<UserReferences> references;
    private final com.custodian.audit.AuditTrail audit;
    private final GroupSignInRepository groupSignIns;
    private final OrganizationsService organizations;

    UsersService(AppUserRepository users, RoleRepository roles, DirectoryService directory, RoleGranting granting,
            ApplicationEventPublisher events, Clock clock, UserRows rows, UserPages pages,
            List<UserReferences> references, com.custodian.audit.AuditTrail audit,
            GroupSignInRepository groupSignIns, OrganizationsService organizations) {
        this.organizations = organizations;
        this.groupSignIns = groupSignIns;
        this.audit = audit;
        this.references = references;
        this.rows = rows;
        this.pages = pages;
        this.users = users;
        this.roles = roles;
        this.directory = directory;
        this.granting = granting;
        this.events = events;
        this.clock = clock;
    }

    /** One page of all users; see {@link #listUsers(UserQuery, Pageable)}. */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public List<UserRow> listUsers(Pageable pageable) {
        return listUsers(UserQuery.ALL, pageable);
    }

    /**
     * One page of users with their roles, and their email addresses and names resolved from the
     * directory. Costs two SQL statements and one directory request whatever the page size (a text
     * filter asks the directory once more, and that answer is cached while paging).
     *
     * @param pageable page number and size; sort properties are {@link UserSort} names
     * @throws UsersException DIRECTORY_UNAVAILABLE when a text filter cannot be matched
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public List<UserRow> listUsers(UserQuery query, Pageable pageable) {
        Pageable page = toEntityPage(pageable);
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        List<Long> ids;
        if (query.hasText()) {
            Set<UUID> matches = matchText(query.text());
            if (matches.isEmpty()) {
                return List.of();
            }
            ids = pages.ids(query.roleId(), matches, reach.restriction(), page);
        } else {
            ids = pages.ids(query.roleId(), null, reach.restriction(), page);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // The second statement: the page's users with their roles, put back in the page's order.
        Map<Long, AppUser> byId = new HashMap<>();
        pages.withRoles(ids).forEach(user -> byId.put(user.getId(), user));
        return rows.of(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), shown(reach));
    }

    /**
     * How many users {@link #listUsers(UserQuery, Pageable)} pages through: one statement (a text
     * filter asks the directory first, an answer cached while paging).
     *
     * @throws UsersException DIRECTORY_UNAVAILABLE when a text filter cannot be matched
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public long countUsers(UserQuery query) {
        List<UUID> reach = organizations.reach(Permission.MANAGE_USERS).restriction();
        if (query.hasText()) {
            Set<UUID> matches = matchText(query.text());
            return matches.isEmpty() ? 0 : pages.count(query.roleId(), matches, reach);
        }
        return pages.count(query.roleId(), null, reach);
    }

    /** One user as the Users page shows it. */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public UserRow user(long id) {
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        return rows.of(List.of(findInReach(id, reach)), shown(reach)).getFirst();
    }

    /**
     * The roles the caller may hand out in the organization: those whose permissions the caller
     * holds there (given there or above), and below the root none with an application-wide
     * permission. Empty when the caller does not manage users there.
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public List<RoleSummary> grantableRoles(UUID organizationId) {
        if (!organizations.reaches(Permission.MANAGE_USERS, organizationId)) {
            return List.of();
        }
        Set<Permission> held = granting.callerPermissionsIn(organizationId);
        boolean root = Scope.ROOT.equals(organizationId);
        return roles.findAllWithPermissions().stream()
                .filter(role -> held.containsAll(role.getPermissions()))
                .filter(role -> root || role.getPermissions().stream().noneMatch(Permission::applicationWide))
                .map(Role::toSummary)
                .toList();
    }

    /**
     * Makes the person with this email address (looked up in the directory) an application user
     * with the roles.
     *
     * @throws UsersException EMAIL_INVALID, NOBODY_WITH_EMAIL, SEVERAL_WITH_EMAIL, ALREADY_USER,
     *         NO_ROLES, ROLE_NOT_FOUND, ROLE_NOT_GRANTABLE or DIRECTORY_UNAVAILABLE; nothing is stored
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow assignUserByEmail(String email, Set<UUID> roleIds) {
        return assignUserByEmail(email, Scope.ROOT, roleIds);
    }

    /**
     * Gives the person with this email address (looked up in the directory) the roles in the
     * organization, making them an application user if they are not one yet.
     *
     * @throws UsersException EMAIL_INVALID, NOBODY_WITH_EMAIL, SEVERAL_WITH_EMAIL, ALREADY_USER,
     *         ALREADY_IN_ORGANIZATION, ORGANIZATION_NOT_FOUND, NO_ROLES, ROLE_NOT_FOUND,
     *         ROLE_ONLY_AT_ROOT, ROLE_NOT_GRANTABLE or DIRECTORY_UNAVAILABLE; nothing is stored
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow assignUserByEmail(String email, UUID organizationId, Set<UUID> roleIds) {
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !EMAIL.matcher(address).matches()
                || address.chars().anyMatch(Character::isISOControl)) {
            throw new UsersException(UsersProblem.EMAIL_INVALID, address);
        }
        Set<Role> granted = grantableRoles(roleIds, organizationId);
        List<DirectoryEntry> people;
        try {
            people = directory.findPeopleByEmail(address);
        } catch (DirectoryUnavailableException e) {
            throw new UsersException(UsersProblem.DIRECTORY_UNAVAILABLE);
        }
        if (people.isEmpty()) {
            throw new UsersException(UsersProblem.NOBODY_WITH_EMAIL, address);
        }
        if (people.size() > 1) {
            throw new UsersException(UsersProblem.SEVERAL_WITH_EMAIL, address, people.size());
        }
        return add(new Identity(directory.tenantId(), people.getFirst().objectId()), DirectoryObjectType.PERSON,
                granted, organizationId, address);
    }

    /**
     * Makes the service principal with this object ID an application user with the roles.
     *
     * @throws UsersException OBJECT_ID_INVALID, NOT_IN_DIRECTORY, NOT_A_SERVICE_PRINCIPAL,
     *         ALREADY_USER, NO_ROLES, ROLE_NOT_FOUND, ROLE_NOT_GRANTABLE or DIRECTORY_UNAVAILABLE
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow assignServicePrincipal(String objectId, Set<UUID> roleIds) {
        return assignServicePrincipal(objectId, Scope.ROOT, roleIds);
    }

    /**
     * Gives the service principal with this object ID the roles in the organization.
     *
     * @throws UsersException as {@link #assignServicePrincipal(String, Set)}, and
     *         ALREADY_IN_ORGANIZATION, ORGANIZATION_NOT_FOUND or ROLE_ONLY_AT_ROOT
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow assignServicePrincipal(String objectId, UUID organizationId, Set<UUID> roleIds) {
        UUID id = parseObjectId(objectId);
        Set<Role> granted = grantableRoles(roleIds, organizationId);
        DirectoryEntry entry = directoryObject(id, DirectoryObjectType.SERVICE_PRINCIPAL,
                UsersProblem.NOT_A_SERVICE_PRINCIPAL);
        return add(new Identity(directory.tenantId(), id), DirectoryObjectType.SERVICE_PRINCIPAL, granted,
                organizationId, entry.displayName());
    }

    /** The directory's entry for the ID, refused unless it is of the kind expected. */
    private DirectoryEntry directoryObject(UUID id, DirectoryObjectType expected, UsersProblem otherKind) {
        DirectoryLookup lookup = directory.resolve(List.of(id));
        DirectoryStatus status = lookup.status(id);
        if (status == DirectoryStatus.UNAVAILABLE) {
            throw new UsersException(UsersProblem.DIRECTORY_UNAVAILABLE);
        }
        if (status == DirectoryStatus.NOT_IN_DIRECTORY) {
            throw new UsersException(UsersProblem.NOT_IN_DIRECTORY, id);
        }
        DirectoryEntry entry = lookup.entry(id).orElseThrow();
        if (entry.type() != expected) {
            throw new UsersException(otherKind, id);
        }
        return entry;
    }

    /**
     * Makes the Entra group with this object ID an application user with the roles: everyone in
     * it, directly or through nested groups, holds them while they are in it.
     *
     * @throws UsersException OBJECT_ID_INVALID, NOT_IN_DIRECTORY, NOT_A_GROUP, ALREADY_USER,
     *         NO_ROLES, ROLE_NOT_FOUND, ROLE_NOT_GRANTABLE or DIRECTORY_UNAVAILABLE; nothing is stored
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow assignGroup(String objectId, Set<UUID> roleIds) {
        return assignGroup(objectId, Scope.ROOT, roleIds);
    }

    /**
     * Gives the Entra group with this object ID the roles in the organization: everyone in it holds
     * them there while they are in it.
     *
     * @throws UsersException as {@link #assignGroup(String, Set)}, and ALREADY_IN_ORGANIZATION,
     *         ORGANIZATION_NOT_FOUND or ROLE_ONLY_AT_ROOT
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow assignGroup(String objectId, UUID organizationId, Set<UUID> roleIds) {
        UUID id = parseObjectId(objectId);
        Set<Role> granted = grantableRoles(roleIds, organizationId);
        DirectoryEntry entry = directoryObject(id, DirectoryObjectType.GROUP, UsersProblem.NOT_A_GROUP);
        return add(new Identity(directory.tenantId(), id), DirectoryObjectType.GROUP, granted, organizationId,
                entry.displayName());
    }

    /**
     * Groups whose name starts with the text, for the assign-group dialog; at least two characters.
     *
     * @throws UsersException GROUP_NAME_TOO_SHORT or DIRECTORY_UNAVAILABLE
     */
    @PreAuthorize(MANAGE_USERS)
    public List<DirectoryEntry> findGroups(String namePrefix) {
        String prefix = namePrefix == null ? "" : namePrefix.strip();
        if (prefix.length() < 2 || prefix.length() > 256 || prefix.chars().anyMatch(Character::isISOControl)) {
            throw new UsersException(UsersProblem.GROUP_NAME_TOO_SHORT, 2);
        }
        try {
            return directory.findGroups(prefix, MAX_GROUP_MATCHES);
        } catch (DirectoryUnavailableException e) {
            throw new UsersException(UsersProblem.DIRECTORY_UNAVAILABLE);
        }
    }

    /**
     * An assigned group as its page shows it: its row (roles, name and member count) and the people
     * who have signed in through it, most recent first (at most {@link #MAX_GROUP_MEMBERS_SHOWN}),
     * with their names and addresses from the directory: two statements and one directory request.
     *
     * @throws UsersException USER_NOT_FOUND when there is no such group
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public GroupDetail group(long id) {
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        AppUser group = findInReach(id, reach);
        if (group.getType() != DirectoryObjectType.GROUP) {
            throw new UsersException(UsersProblem.USER_NOT_FOUND);
        }
        List<GroupSignIn> signIns = groupSignIns.findByGroup(group.getId(),
                PageRequest.of(0, MAX_GROUP_MEMBERS_SHOWN));
        long signedIn = signIns.size() < MAX_GROUP_MEMBERS_SHOWN ? signIns.size()
                : groupSignIns.countByGroupUserId(group.getId());
        List<UUID> ids = new ArrayList<>(signIns.stream().map(GroupSignIn::getObjectId).toList());
        ids.add(group.getObjectId());
        UserRows.Page page = rows.of(List.of(group), ids, shown(reach));
        UserRow row = page.rows().getFirst();
        DirectoryLookup people = page.lookup();
        List<GroupDetail.Member> members = signIns.stream().map(record -> {
            DirectoryEntry entry = people.entry(record.getObjectId()).orElse(null);
            return new GroupDetail.Member(record.getObjectId(), people.status(record.getObjectId()),
                    entry == null ? null : entry.displayName(), entry == null ? null : entry.email(),
                    record.getFirstSignInAt(), record.getLastSignInAt());
        }).toList();
        return new GroupDetail(row, members, signedIn);
    }

    /** What the directory says about an object ID, for the assign-service-principal dialog. */
    @PreAuthorize(MANAGE_USERS)
    public DirectoryLookup lookUp(String objectId) {
        UUID id = parseObjectId(objectId);
        return directory.resolve(List.of(id));
    }

    /**
     * Replaces the user's roles in the root organization, in place; see
     * {@link #changeRoles(long, long, UUID, Set, boolean)}.
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow changeRoles(long userId, long expectedVersion, Set<UUID> roleIds, boolean selfConfirmed) {
        return changeRoles(userId, expectedVersion, Scope.ROOT, roleIds, selfConfirmed);
    }

    /**
     * Replaces the user's roles in one organization, in place; their roles elsewhere stay. No roles
     * takes them out of the organization, as long as they keep a role somewhere.
     *
     * @param expectedVersion the version the caller saw; a change made meanwhile is not overwritten
     * @param selfConfirmed the caller confirmed taking roles away from themself
     * @throws UsersException USER_NOT_FOUND, ORGANIZATION_NOT_FOUND, CONCURRENT_CHANGE, NO_ROLES,
     *         ROLE_NOT_FOUND, ROLE_ONLY_AT_ROOT, ROLE_NOT_GRANTABLE, SELF_NOT_CONFIRMED or
     *         LAST_ADMINISTRATOR; nothing is stored
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public UserRow changeRoles(long userId, long expectedVersion, UUID organizationId, Set<UUID> roleIds,
            boolean selfConfirmed) {
        if (!organizations.reaches(Permission.MANAGE_USERS, organizationId)) {
            throw new UsersException(UsersProblem.ORGANIZATION_NOT_FOUND);
        }
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        lockAdministrators();
        long administratorsBefore = countAdministrators();
        AppUser user = findInReach(userId, reach);
        if (user.getVersion() != expectedVersion) {
            throw new UsersException(UsersProblem.CONCURRENT_CHANGE);
        }
        Set<RoleAssignment> wanted = new HashSet<>();
        Set<UUID> requested = roleIds == null ? Set.of() : roleIds;
        if (!requested.isEmpty()) {
            loadRoles(requested, organizationId).forEach(role -> wanted.add(new RoleAssignment(role, organizationId)));
        }
        Set<RoleAssignment> current = new HashSet<>(user.assignmentsIn(Set.of(organizationId)));
        Set<RoleAssignment> added = new HashSet<>(wanted);
        added.removeAll(current);
        Set<RoleAssignment> removed = new HashSet<>(current);
        removed.removeAll(wanted);
        if (added.isEmpty() && removed.isEmpty()) {
            return rows.of(List.of(user), shown(reach)).getFirst();
        }
        if (user.getAssignments().size() - removed.size() + added.size() == 0) {
            throw new UsersException(UsersProblem.NO_ROLES);
        }
        Set<RoleAssignment> changed = new HashSet<>(added);
        changed.addAll(removed);
        granting.requireGrantable(changed);
        if (!removed.isEmpty() && isCaller(user) && !selfConfirmed) {
            throw new UsersException(UsersProblem.SELF_NOT_CONFIRMED);
        }
        user.getAssignments().removeAll(removed);
        user.getAssignments().addAll(added);
        try {
            users.flush();
        } catch (OptimisticLockingFailureException e) {
            throw new UsersException(UsersProblem.CONCURRENT_CHANGE);
        }
        requireAdministratorLeft(administratorsBefore);
        boolean group = user.getType() == DirectoryObjectType.GROUP;
        // A group's change reaches every member's session: who they are is Entra's to say.
        events.publishEvent(new PermissionsChanged(group ? List.of()
                : List.of(new Identity(user.getTenantId(), user.getObjectId()))));
        audit.doneSaying(group ? GROUP_ROLES_CHANGED : USER_ROLES_CHANGED, user.getObjectId(),
                rolesText(wanted.stream().map(RoleAssignment::getRole).toList(), organizationId));
        return rows.of(List.of(user), shown(reach)).getFirst();
    }

    /**
     * Deletes the users and their role assignments, at a cost in statements that does not grow
     * with their number. Other features remove what they hold about them in the same transaction.
     *
     * @param selfConfirmed the caller confirmed deleting themself
     * @return how many users were deleted (users already gone are not counted)
     * @throws UsersException TOO_MANY_AT_ONCE, ROLE_NOT_GRANTABLE, SELF_NOT_CONFIRMED or
     *         LAST_ADMINISTRATOR; nothing is deleted
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public int deleteUsers(Collection<Long> userIds, boolean selfConfirmed) {
        return deleteUsers(userIds, selfConfirmed, true);
    }

    /**
     * What other features hold that names these users (alert rules carrying their addresses), one
     * line each, for the confirmation before deleting them.
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public List<com.custodian.base.i18n.Text> references(Collection<Long> userIds) {
        if (userIds.isEmpty() || references.isEmpty()) {
            return List.of();
        }
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        // Only users the caller sees: the others are not there for them.
        List<Identity> identities = users.findWithRolesAndPermissions(userIds).stream()
                .filter(user -> reach.everywhere() || !user.assignmentsIn(reach.organizations()).isEmpty())
                .map(user -> new Identity(user.getTenantId(), user.getObjectId())).toList();
        if (identities.isEmpty()) {
            return List.of();
        }
        List<com.custodian.base.i18n.Text> lines = new ArrayList<>();
        references.forEach(feature -> lines.addAll(feature.describe(identities)));
        return lines;
    }

    /**
     * Deletes users; with {@code removeReferences}, what other features hold that names them goes in
     * the same transaction (their addresses come off every alert rule).
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public int deleteUsers(Collection<Long> userIds, boolean selfConfirmed, boolean removeReferences) {
        Set<Long> ids = new LinkedHashSet<>(userIds);
        if (ids.size() > MAX_DELETE) {
            throw new UsersException(UsersProblem.TOO_MANY_AT_ONCE, MAX_DELETE);
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        lockAdministrators();
        long administratorsBefore = countAdministrators();
        List<AppUser> found = users.findWithRolesAndPermissions(ids);
        // Users the caller cannot see are not there for them; those who also hold roles where the
        // caller does not manage users lose only the roles the caller can see.
        List<AppUser> doomed = new ArrayList<>();
        Map<AppUser, List<RoleAssignment>> narrowed = new java.util.LinkedHashMap<>();
        for (AppUser user : found) {
            List<RoleAssignment> visible = reach.everywhere() ? List.copyOf(user.getAssignments())
                    : user.assignmentsIn(reach.organizations());
            if (visible.isEmpty()) {
                continue;
            }
            if (visible.size() == user.getAssignments().size()) {
                doomed.add(user);
            } else {
                narrowed.put(user, visible);
            }
        }
        List<RoleAssignment> taken = new ArrayList<>();
        doomed.forEach(user -> taken.addAll(user.getAssignments()));
        narrowed.values().forEach(taken::addAll);
        granting.requireGrantable(taken);
        if (!selfConfirmed && (doomed.stream().anyMatch(this::isCaller)
                || narrowed.keySet().stream().anyMatch(this::isCaller))) {
            throw new UsersException(UsersProblem.SELF_NOT_CONFIRMED);
        }
        narrowed.forEach((user, visible) -> {
            visible.forEach(user.getAssignments()::remove);
            boolean group = user.getType() == DirectoryObjectType.GROUP;
            audit.doneSaying(group ? GROUP_ROLES_CHANGED : USER_ROLES_CHANGED, user.getObjectId(),
                    com.custodian.base.i18n.Text.of("audit.detail.roles-taken-away", rolesText(visible)));
        });
        if (!narrowed.isEmpty()) {
            users.flush();
            events.publishEvent(new PermissionsChanged(narrowed.keySet().stream()
                    .anyMatch(user -> user.getType() == DirectoryObjectType.GROUP) ? List.of()
                    : narrowed.keySet().stream().map(user -> new Identity(user.getTenantId(), user.getObjectId()))
                            .toList()));
        }
        return remove(doomed, administratorsBefore, removeReferences) + narrowed.size();
    }

    /**
     * Erases people as a customer data request asks: their user records and role assignments, and
     * their object ID where it names them as the one who added another user. Inside the caller's
     * transaction; the last-administrator guard holds.
     *
     * @return how many user records, role assignments, "added by" references and group sign-in records went
     * @throws UsersException LAST_ADMINISTRATOR; the caller's transaction rolls back
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    ErasedPeople erasePeople(Set<UUID> objectIds) {
        if (objectIds.isEmpty()) {
            return new ErasedPeople(0, 0, 0, 0);
        }
        lockAdministrators();
        long administratorsBefore = countAdministrators();
        List<AppUser> doomed = users.findWithRolesByObjectIds(objectIds);
        // As deleting them directly: only someone who could grant every role they hold, where they hold it.
        granting.requireGrantable(doomed.stream().flatMap(user -> user.getAssignments().stream()).toList());
        long assignments = doomed.stream().mapToLong(user -> user.getAssignments().size()).sum();
        int deleted = remove(doomed, administratorsBefore, true);
        int references = users.forgetAddedBy(objectIds);
        // Their records of signing in through groups; the membership itself is Entra's, untouched.
        int groupSignIns = this.groupSignIns.forgetAll(directory.tenantId(), objectIds);
        return new ErasedPeople(deleted, assignments, references, groupSignIns);
    }

    /** What {@link #erasePeople} took away. */
    record ErasedPeople(long users, long roleAssignments, long addedByReferences, long signInsThroughGroups) {
    }

    /**
     * The roles of these people the caller could not grant, each with the permissions the caller
     * lacks for it: erasing them would delete users the caller may not delete directly.
     */
    @Transactional(readOnly = true)
    List<com.custodian.base.i18n.Text> erasureBlockers(Set<UUID> objectIds) {
        if (objectIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, Set<Permission>> heldIn = new HashMap<>();
        List<com.custodian.base.i18n.Text> blockers = new ArrayList<>();
        List<AppUser> found = users.findWithRolesByObjectIds(objectIds);
        long administrators = found.stream().filter(user -> user.getType() == DirectoryObjectType.PERSON
                && user.getAssignments().stream().anyMatch(assignment -> Scope.ROOT.equals(assignment.getOrganizationId())
                        && assignment.getRole().getId().equals(BuiltInRole.APP_ADMINISTRATOR.id())))
                .count();
        if (administrators > 0 && administrators >= countAdministrators()) {
            // Said before anyone tries, as the erasure itself would refuse it.
            blockers.add(com.custodian.base.i18n.Text.of("requests.blocker.last-administrator"));
        }
        for (AppUser user : found) {
            for (RoleAssignment assignment : user.getAssignments()) {
                Role role = assignment.getRole();
                Set<Permission> held = heldIn.computeIfAbsent(assignment.getOrganizationId(),
                        granting::callerPermissionsIn);
                List<com.custodian.base.i18n.Text> missing = role.getPermissions().stream()
                        .filter(permission -> !held.contains(permission)).sorted()
                        .map(permission -> com.custodian.base.i18n.Text.of(permission.labelKey())).toList();
                if (!missing.isEmpty()) {
                    blockers.add(com.custodian.base.i18n.Text.of("requests.blocker.user-role",
                            user.getObjectId().toString(), UserPersonalData.roleName(role),
                            com.custodian.base.i18n.Text.joined("list.pair", missing)));
                }
            }
        }
        return blockers;
    }

    private int remove(List<AppUser> doomed, long administratorsBefore, boolean removeReferences) {
        if (doomed.isEmpty()) {
            return 0;
        }
        List<Identity> identities = doomed.stream()
                .map(user -> new Identity(user.getTenantId(), user.getObjectId())).toList();
        int deleted = users.deleteByIds(doomed.stream().map(AppUser::getId).toList());
        requireAdministratorLeft(administratorsBefore);
        List<AppUser> groups = doomed.stream().filter(user -> user.getType() == DirectoryObjectType.GROUP).toList();
        List<Identity> principals = doomed.stream().filter(user -> user.getType() != DirectoryObjectType.GROUP)
                .map(user -> new Identity(user.getTenantId(), user.getObjectId())).toList();
        if (!principals.isEmpty()) {
            // A group is no one: nothing else names it, and its sign-in records went with its row.
            events.publishEvent(new UsersRemoved(principals, removeReferences));
            audit.doneForEach("user.deleted", principals.stream().map(Identity::objectId).toList(), null);
        }
        if (!groups.isEmpty()) {
            audit.doneForEach("group.deleted", groups.stream().map(AppUser::getObjectId).toList(), null);
        }
        // Deleting a group takes its roles from every member's session.
        events.publishEvent(new PermissionsChanged(groups.isEmpty() ? identities : List.of()));
        return deleted;
    }

    private UserRow add(Identity identity, DirectoryObjectType type, Set<Role> granted, UUID organizationId,
            Object shownAs) {
        Optional<AppUser> existing = users.findWithPermissions(identity.tenantId(), identity.objectId());
        if (existing.isPresent()) {
            return addTo(existing.get(), granted, organizationId, shownAs);
        }
        AppUser user = new AppUser(identity, type, clock.instant(), granting.caller().objectId());
        granted.forEach(role -> user.getAssignments().add(new RoleAssignment(role, organizationId)));
        audit.doneSaying(switch (type) {
            case SERVICE_PRINCIPAL -> SERVICE_PRINCIPAL_ASSIGNED;
            case GROUP -> GROUP_ASSIGNED;
            case PERSON -> USER_ASSIGNED;
        }, identity.objectId(), rolesText(granted, organizationId));
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            // Someone assigned the same person a moment ago.
            throw new UsersException(UsersProblem.ALREADY_USER, shownAs);
        }
        if (type == DirectoryObjectType.GROUP) {
            // Members' open sessions gain the roles at their next request.
            events.publishEvent(new PermissionsChanged(List.of()));
        }
        return rows.of(List.of(user), shown(organizations.reach(Permission.MANAGE_USERS))).getFirst();
    }

    /**
     * Gives someone who is already a user roles in an organization where they hold none yet; one
     * who holds roles there already is changed there, not assigned again.
     */
    private UserRow addTo(AppUser user, Set<Role> granted, UUID organizationId, Object shownAs) {
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        if (!user.assignmentsIn(Set.of(organizationId)).isEmpty()) {
            throw new UsersException(Scope.ROOT.equals(organizationId) ? UsersProblem.ALREADY_USER
                    : UsersProblem.ALREADY_IN_ORGANIZATION, shownAs, organizationName(organizationId));
        }
        granted.forEach(role -> user.getAssignments().add(new RoleAssignment(role, organizationId)));
        try {
            users.flush();
        } catch (OptimisticLockingFailureException e) {
            throw new UsersException(UsersProblem.CONCURRENT_CHANGE);
        }
        boolean group = user.getType() == DirectoryObjectType.GROUP;
        events.publishEvent(new PermissionsChanged(group ? List.of()
                : List.of(new Identity(user.getTenantId(), user.getObjectId()))));
        audit.doneSaying(group ? GROUP_ROLES_CHANGED : USER_ROLES_CHANGED, user.getObjectId(),
                rolesText(granted, organizationId));
        return rows.of(List.of(user), shown(reach)).getFirst();
    }

    /** The organizations whose assignments the caller's rows show: all when null. */
    private static Set<UUID> shown(Reach reach) {
        return reach.everywhere() ? null : reach.organizations();
    }

    private Object organizationName(UUID organizationId) {
        return organizations.organization(organizationId).map(OrganizationsService::nameOf).orElse("");
    }

    /**
     * The roles as the reader calls them (built-in ones translated), and the organization unless it
     * is the root, for the audit trail.
     */
    private com.custodian.base.i18n.Text rolesText(Collection<Role> granted, UUID organizationId) {
        Object names = com.custodian.base.i18n.Text.joined("list.pair",
                granted.stream().distinct().sorted(java.util.Comparator.comparing(Role::getName))
                        .map(UserPersonalData::roleName).toList());
        return Scope.ROOT.equals(organizationId) ? com.custodian.base.i18n.Text.of("audit.detail.roles", names)
                : com.custodian.base.i18n.Text.of("audit.detail.roles-in", names, organizationName(organizationId));
    }

    /** Assignments in several organizations, for the audit trail: each organization's roles. */
    private Object rolesText(List<RoleAssignment> assignments) {
        Map<UUID, List<Role>> byOrganization = new java.util.TreeMap<>();
        assignments.forEach(assignment -> byOrganization.computeIfAbsent(assignment.getOrganizationId(),
                id -> new ArrayList<>()).add(assignment.getRole()));
        return com.custodian.base.i18n.Text.joined("list.pair", byOrganization.entrySet().stream()
                .map(entry -> rolesText(entry.getValue(), entry.getKey())).toList());
    }

    /**
     * The roles, if the caller manages users in the organization and may grant each of them there.
     *
     * @throws UsersException ORGANIZATION_NOT_FOUND, NO_ROLES, ROLE_NOT_FOUND, ROLE_ONLY_AT_ROOT or
     *         ROLE_NOT_GRANTABLE
     */
    private Set<Role> grantableRoles(Set<UUID> roleIds, UUID organizationId) {
        if (organizationId == null || !organizations.reaches(Permission.MANAGE_USERS, organizationId)) {
            throw new UsersException(UsersProblem.ORGANIZATION_NOT_FOUND);
        }
        if (roleIds == null || roleIds.isEmpty()) {
            throw new UsersException(UsersProblem.NO_ROLES);
        }
        Set<Role> granted = loadRoles(roleIds, organizationId);
        granting.requireGrantable(granted.stream().map(role -> new RoleAssignment(role, organizationId)).toList());
        return granted;
    }

    /** The roles, refusing one with an application-wide permission below the root, where it would give nothing. */
    private Set<Role> loadRoles(Set<UUID> roleIds, UUID organizationId) {
        List<Role> found = roles.findWithPermissions(roleIds);
        if (found.size() != new HashSet<>(roleIds).size()) {
            throw new UsersException(UsersProblem.ROLE_NOT_FOUND);
        }
        if (!Scope.ROOT.equals(organizationId)) {
            for (Role role : found) {
                List<com.custodian.base.i18n.Text> wide = role.getPermissions().stream()
                        .filter(Permission::applicationWide).sorted()
                        .map(permission -> com.custodian.base.i18n.Text.of(permission.labelKey())).toList();
                if (!wide.isEmpty()) {
                    throw new UsersException(UsersProblem.ROLE_ONLY_AT_ROOT, UserPersonalData.roleName(role),
                            com.custodian.base.i18n.Text.joined("list.pair", wide));
                }
            }
        }
        return new HashSet<>(found);
    }

    /** People holding App Administrator in the root organization: the last-administrator guard counts these. */
    private long countAdministrators() {
        return users.countPersonHolders(BuiltInRole.APP_ADMINISTRATOR.id(), Scope.ROOT);
    }

    private void lockAdministrators() {
        roles.lock(BuiltInRole.APP_ADMINISTRATOR.id()).orElseThrow();
    }

    private void requireAdministratorLeft(long administratorsBefore) {
        if (administratorsBefore > 0 && countAdministrators() == 0) {
            throw new UsersException(UsersProblem.LAST_ADMINISTRATOR);
        }
    }

    private boolean isCaller(AppUser user) {
        Identity caller = granting.caller();
        return caller.objectId().equals(user.getObjectId()) && caller.tenantId().equals(user.getTenantId());
    }

    /** The user, if the caller sees them: holding a role where the caller manages users. */
    private AppUser findInReach(long id, Reach reach) {
        AppUser user = users.findById(id).orElseThrow(() -> new UsersException(UsersProblem.USER_NOT_FOUND));
        if (!reach.everywhere() && user.assignmentsIn(reach.organizations()).isEmpty()) {
            throw new UsersException(UsersProblem.USER_NOT_FOUND);
        }
        return user;
    }

    private static UUID parseObjectId(String objectId) {
        try {
            String text = objectId == null ? "" : objectId.strip();
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not in canonical form");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new UsersException(UsersProblem.OBJECT_ID_INVALID, objectId == null ? "" : objectId.strip());
        }
    }

    /** Object IDs whose email address or name matches the text, or the object ID the text is. */
    private Set<UUID> matchText(String text) {
        String wanted = text.strip();
        try {
            return Set.of(UUID.fromString(wanted));
        } catch (IllegalArgumentException notAnObjectId) {
            // Match through the directory below.
        }
        try {
            Set<UUID> ids = new LinkedHashSet<>();
            directory.search(wanted, MAX_TEXT_MATCHES).forEach(entry -> ids.add(entry.objectId()));
            return ids;
        } catch (DirectoryUnavailableException e) {
            throw new UsersException(UsersProblem.DIRECTORY_UNAVAILABLE);
        }
    }

    private static Pageable toEntityPage(Pageable requested) {
        if (requested.getPageSize() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " users");
        }
        List<Sort.Order> orders = new ArrayList<>();
        for (Sort.Order order : requested.getSort()) {
            UserSort column;
            try {
                column = UserSort.valueOf(order.getProperty());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Users cannot be sorted by " + order.getProperty(), e);
            }
            orders.add(order.withProperty(column.property()));
        }
        // A stable order, so that pages neither repeat nor skip users.
        orders.add(Sort.Order.asc("addedAt"));
        orders.add(Sort.Order.asc("id"));
        return com.custodian.base.OffsetPage.of(requested, Sort.by(orders));
    }
}
