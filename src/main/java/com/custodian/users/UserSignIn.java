package com.custodian.users;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.audit.AuditTrail;
import com.custodian.base.i18n.Text;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.security.Access;
import com.custodian.security.AccessGrant;
import com.custodian.security.AccessSources;
import com.custodian.security.GroupClaim;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.security.Scope;
import com.custodian.security.SignInAccess;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Answers sign-ins from the role assignments: the identity's own, and those of every assigned
 * group it belongs to (nested groups count). Membership comes from the sign-in token's
 * {@code groups} claim, else from the directory; a session's recheck always asks the directory (a
 * token's claim is as old as the sign-in). No directory request is made while a transaction holds a
 * database connection. When the directory cannot answer, groups give nothing (fail closed) and the
 * access says so; own assignments still apply. Records when each user signed in, and through which
 * groups; the alert recipient rule reuses membership answers for the recheck time.
 */
@Component
class UserSignIn implements SignInAccess {

    private final AppUserRepository users;
    private final GroupSignInRepository groupSignIns;
    private final DirectoryService directory;
    private final AuditTrail audit;
    private final Clock clock;
    /** Which assigned groups an identity was found in, for the alert recipient rule (never for access). */
    private final Cache<Identity, Membership> memberships;

    /** The identity's membership of the groups that were assigned when it was asked. */
    private record Membership(Set<UUID> assigned, Set<UUID> memberOf) {
    }

    private final TransactionTemplate readOnly;
    private final com.custodian.organizations.OrganizationsService organizations;
    private final TransactionTemplate write;

    UserSignIn(AppUserRepository users, GroupSignInRepository groupSignIns, DirectoryService directory,
            AuditTrail audit, Clock clock, PlatformTransactionManager transactions,
            @Value("${custodian.security.recheck-permissions-after:15s}") Duration recheckAfter,
            com.custodian.organizations.OrganizationsService organizations) {
        this.organizations = organizations;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.write = new TransactionTemplate(transactions);
        this.users = users;
        this.groupSignIns = groupSignIns;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.memberships = Caffeine.newBuilder().expireAfterWrite(recheckAfter).maximumSize(10_000).build();
    }

    /**
     * Reads in one short transaction, asks the directory (when it must) with no transaction open,
     * then records in a second one: a slow Graph holds no database connection.
     */
    @Override
    public Access signIn(Identity identity, GroupClaim claim) {
        Candidates candidates = readOnly.execute(status -> candidates(identity));
        Optional<Set<UUID>> memberOf = memberOf(identity, candidates.groups(), claim);
        var now = clock.instant();
        List<AppUser> giving = candidates.giving(memberOf.orElse(Set.of()));
        // Unchecked membership records nothing about groups: the records of an earlier sign-in stay.
        boolean recordGroups = !candidates.groups().isEmpty() && memberOf.isPresent();
        Map<AppUser, Boolean> firstThrough = write.execute(status -> {
            candidates.self().ifPresent(self ->
                    // A bulk update, so that signing in does not bump the version an administrator may be editing.
                    users.recordSignIn(self.getId(), now));
            return recordGroups ? recordGroupSignIns(identity, giving, now) : Map.<AppUser, Boolean>of();
        });
        // Which group let them in, each time: the trail answers "why could they?" after the group changed.
        firstThrough.forEach((group, first) -> audit.doneBySaying(identity.objectId().toString(),
                "sign-in.through-group", group.getObjectId(), Text.of(first
                        ? "audit.detail.first-sign-in-through-group" : "audit.detail.sign-in-through-group")));
        memberOf.ifPresent(groups -> memberships.put(identity, new Membership(candidates.groupIds(), groups)));
        return access(candidates.self(), giving, memberOf.isEmpty());
    }

    /** Always asks the directory when groups are assigned: the session's recheck keeps its own answer. */
    @Override
    public Access currentAccess(Identity identity) {
        Candidates candidates = readOnly.execute(status -> candidates(identity));
        Optional<Set<UUID>> memberOf = memberOf(identity, candidates.groups(), GroupClaim.UNKNOWN);
        return access(candidates.self(), candidates.giving(memberOf.orElse(Set.of())), memberOf.isEmpty());
    }

    @Override
    public AccessSources grants(Identity identity) {
        Candidates candidates = readOnly.execute(status -> candidates(identity));
        Optional<Set<UUID>> memberOf = memberOf(identity, candidates.groups(), GroupClaim.UNKNOWN);
        List<AccessGrant> grants = new ArrayList<>();
        Comparator<RoleAssignment> byRole = Comparator.comparing(assignment -> assignment.getRole().getName());
        candidates.self().ifPresent(self -> self.getAssignments().stream().sorted(byRole)
                .forEach(assignment -> grants.add(grant(assignment, null))));
        for (AppUser group : candidates.giving(memberOf.orElse(Set.of()))) {
            group.getAssignments().stream().sorted(byRole)
                    .forEach(assignment -> grants.add(grant(assignment, group.getObjectId())));
        }
        // Roles given below the root name their organization (a few lookups: a person holds a few roles).
        Map<UUID, String> names = new HashMap<>();
        List<AccessGrant> named = grants.stream().map(grant -> grant.organization().equals(Scope.ROOT) ? grant
                : new AccessGrant(grant.roleLabelKey(), grant.roleName(), grant.permissions(), grant.group(),
                        grant.organization(), names.computeIfAbsent(grant.organization(), id -> organizations
                                .organization(id).map(com.custodian.organizations.OrganizationRow::name).orElse(""))))
                .toList();
        return new AccessSources(named, memberOf.isEmpty());
    }

    private static AccessGrant grant(RoleAssignment assignment, UUID group) {
        Role role = assignment.getRole();
        String labelKey = role.isBuiltIn() ? BuiltInRole.of(role.getId()).map(BuiltInRole::labelKey).orElse(null) : null;
        return new AccessGrant(labelKey, role.getName(), role.getPermissions(), group, assignment.getOrganizationId(),
                null);
    }

    /**
     * The assigned groups the identity is in now, asked of the directory (for a data request's
     * discovery); empty when the directory cannot answer.
     */
    Optional<List<AppUser>> givingGroups(Identity identity) {
        Candidates candidates = readOnly.execute(status -> candidates(identity));
        return memberOf(identity, candidates.groups(), GroupClaim.UNKNOWN).map(candidates::giving);
    }

    /**
     * Which of these groups the identity is in, as the directory said within the recheck time.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    Set<UUID> memberOf(Identity identity, Set<UUID> groups) {
        Membership known = memberships.getIfPresent(identity);
        if (known != null && known.assigned().containsAll(groups)) {
            Set<UUID> member = new HashSet<>(known.memberOf());
            member.retainAll(groups);
            return member;
        }
        return directory.memberOf(identity.objectId(), groups);
    }

    /** The identity's own record (if it is an application user) and every assigned group: one statement. */
    private Candidates candidates(Identity identity) {
        Optional<AppUser> self = Optional.empty();
        List<AppUser> groups = new ArrayList<>();
        for (AppUser user : users.findSelfAndGroups(identity.tenantId(), identity.objectId())) {
            if (user.getType() == DirectoryObjectType.GROUP) {
                if (!user.getObjectId().equals(identity.objectId())) {
                    groups.add(user);
                }
            } else if (user.getObjectId().equals(identity.objectId())) {
                self = Optional.of(user);
            }
        }
        return new Candidates(self, groups);
    }

    private record Candidates(Optional<AppUser> self, List<AppUser> groups) {

        Set<UUID> groupIds() {
            Set<UUID> ids = new HashSet<>();
            groups.forEach(group -> ids.add(group.getObjectId()));
            return ids;
        }

        List<AppUser> giving(Set<UUID> memberOf) {
            return groups.stream().filter(group -> memberOf.contains(group.getObjectId())).toList();
        }
    }

    /**
     * Which assigned groups the identity is in: from the token when it says, else the directory
     * (one request); empty when the directory cannot answer.
     */
    private Optional<Set<UUID>> memberOf(Identity identity, List<AppUser> groups, GroupClaim claim) {
        if (groups.isEmpty()) {
            return Optional.of(Set.of());
        }
        Set<UUID> assigned = new HashSet<>();
        groups.forEach(group -> assigned.add(group.getObjectId()));
        if (claim.groups().isPresent()) {
            Set<UUID> member = new HashSet<>(claim.groups().get());
            member.retainAll(assigned);
            return Optional.of(member);
        }
        try {
            Set<UUID> member = directory.memberOf(identity.objectId(), assigned);
            memberships.put(identity, new Membership(assigned, member));
            return Optional.of(member);
        } catch (DirectoryUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Each permission of every role held (own or through a group), with the organizations it was given in. */
    private static Access access(Optional<AppUser> self, List<AppUser> giving, boolean groupsUnchecked) {
        Map<Permission, Set<UUID>> gathered = new java.util.EnumMap<>(Permission.class);
        self.ifPresent(user -> user.getAssignments().forEach(assignment -> Access.grant(gathered,
                assignment.getRole().getPermissions(), assignment.getOrganizationId())));
        giving.forEach(group -> group.getAssignments().forEach(assignment -> Access.grant(gathered,
                assignment.getRole().getPermissions(), assignment.getOrganizationId())));
        return Access.of(gathered, groupsUnchecked);
    }

    /**
     * First and last sign-in through each group that gave access now (an upsert: two sign-ins at
     * once do not collide); records of groups that no longer do are forgotten.
     *
     * @return each group that gave access, and whether this was the first sign-in through it
     */
    private Map<AppUser, Boolean> recordGroupSignIns(Identity identity, List<AppUser> giving, java.time.Instant now) {
        Set<Long> known = new HashSet<>();
        groupSignIns.findByTenantIdAndObjectId(identity.tenantId(), identity.objectId())
                .forEach(record -> known.add(record.getGroupUserId()));
        List<Long> kept = giving.stream().map(AppUser::getId).toList();
        if (kept.isEmpty()) {
            if (!known.isEmpty()) {
                groupSignIns.forget(identity.tenantId(), identity.objectId());
            }
            return Map.of();
        }
        if (known.stream().anyMatch(id -> !kept.contains(id))) {
            groupSignIns.forgetOthers(identity.tenantId(), identity.objectId(), kept);
        }
        Map<AppUser, Boolean> first = new java.util.LinkedHashMap<>();
        for (AppUser group : giving) {
            groupSignIns.record(identity.tenantId().toString(), identity.objectId().toString(), group.getId(), now);
            first.put(group, !known.contains(group.getId()));
        }
        return first;
    }
}
