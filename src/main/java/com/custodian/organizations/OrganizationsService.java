package com.custodian.organizations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.audit.AuditTrail;
import com.custodian.base.i18n.Text;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;
import com.custodian.security.Scope;

/**
 * The organization tree: the application at the root, at most {@link #MAX_ORGANIZATIONS}
 * organizations and {@link #MAX_DEPTH} levels below it (Azure IoT Central's limits), names unique
 * among siblings. Reading the tree needs any role; changing it needs Manage organizations. Changes
 * to its shape take a lock on the root, so that two administrators (on two instances) cannot
 * together pass a limit.
 */
@Service
public class OrganizationsService {

    public static final int MAX_ORGANIZATIONS = 200;
    public static final int MAX_DEPTH = 5;
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;

    private static final String MANAGE = "hasRole('" + Permission.Names.MANAGE_ORGANIZATIONS + "')";
    private static final String ANY_ROLE = "hasRole('" + Permission.Names.APP_USER + "')";

    private final OrganizationRepository organizations;
    private final List<OrganizationHoldings> holdings;
    private final AuditTrail audit;
    private final Clock clock;
    private final CurrentUser currentUser;

    OrganizationsService(OrganizationRepository organizations, List<OrganizationHoldings> holdings, AuditTrail audit,
            Clock clock, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.organizations = organizations;
        this.holdings = holdings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The whole tree, parents before children, siblings by name: one statement. */
    @PreAuthorize(ANY_ROLE)
    @Transactional(readOnly = true)
    public List<OrganizationRow> tree() {
        return organizations.findTree().stream().map(Organization::toRow).toList();
    }

    /** The root: the application itself. */
    @PreAuthorize(ANY_ROLE)
    @Transactional(readOnly = true)
    public OrganizationRow root() {
        return organizations.findRoot().toRow();
    }

    /**
     * How many things of each kind every organization holds (devices, ...), for the page's counts:
     * one statement per kind.
     */
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public Map<UUID, List<Text>> holdings() {
        Map<UUID, List<Text>> lines = new HashMap<>();
        for (OrganizationHoldings feature : holdings) {
            feature.countByOrganization().forEach((organization, count) -> {
                if (count > 0) {
                    lines.computeIfAbsent(organization, id -> new ArrayList<>()).add(feature.describe(count));
                }
            });
        }
        return lines;
    }

    /**
     * Creates an organization under another.
     *
     * @throws OrganizationsException NOT_FOUND, NAME_INVALID, DESCRIPTION_INVALID, NAME_TAKEN,
     *         TOO_MANY or TOO_DEEP; nothing is stored
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public OrganizationRow create(UUID parentId, String name, String description) {
        String cleanName = name(name);
        String cleanDescription = description(description);
        organizations.lockRoot();
        Organization parent = find(parentId);
        if (organizations.count() - 1 >= MAX_ORGANIZATIONS) {
            throw new OrganizationsException(OrganizationsProblem.TOO_MANY, MAX_ORGANIZATIONS);
        }
        if (parent.getDepth() + 1 > MAX_DEPTH) {
            throw new OrganizationsException(OrganizationsProblem.TOO_DEEP, MAX_DEPTH);
        }
        requireFreeName(parent.getId(), cleanName, null);
        Organization created = new Organization(UUID.randomUUID(), parent, cleanName, cleanDescription,
                clock.instant());
        save(created, cleanName);
        audit.doneSaying("organization.created", created.getId(), Text.of("audit.detail.organization",
                cleanName));
        return created.toRow();
    }

    /**
     * Renames an organization and changes its description.
     *
     * @throws OrganizationsException NOT_FOUND, ROOT_FIXED, NAME_INVALID, DESCRIPTION_TOO_LONG,
     *         NAME_TAKEN or CONCURRENT_CHANGE; nothing is stored
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public OrganizationRow update(UUID id, long expectedVersion, String name, String description) {
        String cleanName = name(name);
        String cleanDescription = description(description);
        Organization organization = find(id);
        if (organization.isRoot()) {
            throw new OrganizationsException(OrganizationsProblem.ROOT_FIXED);
        }
        requireVersion(organization, expectedVersion);
        requireFreeName(organization.getParentId(), cleanName, organization.getId());
        String before = organization.getName();
        organization.rename(cleanName, cleanDescription);
        save(organization, cleanName);
        audit.doneSaying("organization.changed", organization.getId(), Text.of("audit.detail.organization-renamed",
                before, cleanName));
        return organization.toRow();
    }

    /**
     * Moves an organization, with everything below it, under another.
     *
     * @throws OrganizationsException NOT_FOUND, ROOT_FIXED, UNDER_ITSELF, NAME_TAKEN, TOO_DEEP or
     *         CONCURRENT_CHANGE; nothing is stored
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public OrganizationRow move(UUID id, long expectedVersion, UUID newParentId) {
        organizations.lockRoot();
        Organization organization = find(id);
        if (organization.isRoot()) {
            throw new OrganizationsException(OrganizationsProblem.ROOT_FIXED);
        }
        requireVersion(organization, expectedVersion);
        Organization parent = find(newParentId);
        if (parent.getPath().equals(organization.getPath())
                || parent.getPath().startsWith(organization.getPath() + "/")) {
            throw new OrganizationsException(OrganizationsProblem.UNDER_ITSELF);
        }
        if (parent.getId().equals(organization.getParentId())) {
            return organization.toRow();
        }
        int deepestBelow = organizations.findSubtree(organization.getPath()).stream()
                .mapToInt(Organization::getDepth).max().orElse(organization.getDepth()) - organization.getDepth();
        if (parent.getDepth() + 1 + deepestBelow > MAX_DEPTH) {
            throw new OrganizationsException(OrganizationsProblem.TOO_DEEP, MAX_DEPTH);
        }
        requireFreeName(parent.getId(), organization.getName(), organization.getId());
        String oldPath = organization.getPath();
        int depthChange = parent.getDepth() + 1 - organization.getDepth();
        organization.moveUnder(parent);
        save(organization, organization.getName());
        organizations.moveDescendants(oldPath, organization.getPath(), depthChange);
        audit.doneSaying("organization.moved", organization.getId(), Text.of("audit.detail.organization-moved",
                organization.getName(), parent.isRoot() ? Text.of("organizations.root") : parent.getName()));
        return find(id).toRow();
    }

    /**
     * Deletes an organization that holds nothing: no child organization, and nothing of any other
     * feature (devices, ...).
     *
     * @throws OrganizationsException NOT_FOUND, ROOT_FIXED or NOT_EMPTY (with what it holds)
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public void delete(UUID id) {
        organizations.lockRoot();
        Organization organization = find(id);
        if (organization.isRoot()) {
            throw new OrganizationsException(OrganizationsProblem.ROOT_FIXED);
        }
        List<Object> held = new ArrayList<>();
        long children = organizations.countByParentId(id);
        if (children > 0) {
            held.add(Text.of("organizations.holding.children", children));
        }
        for (OrganizationHoldings feature : holdings) {
            long count = feature.countByOrganization().getOrDefault(id, 0L);
            if (count > 0) {
                held.add(feature.describe(count));
            }
        }
        if (!held.isEmpty()) {
            throw new OrganizationsException(OrganizationsProblem.NOT_EMPTY, organization.getName(),
                    Text.joined("list.pair", held));
        }
        organizations.delete(organization);
        organizations.flush();
        audit.doneSaying("organization.deleted", id, Text.of("audit.detail.organization", organization.getName()));
    }

    /**
     * The IDs of the organization and of every organization below it, for other features' queries.
     * Checks no permission: its callers check their own.
     */
    @Transactional(readOnly = true)
    public List<UUID> subtree(UUID id) {
        return Optional.ofNullable(organizations.findById(id).orElse(null))
                .map(organization -> organizations.findSubtree(organization.getPath()).stream()
                        .sorted(Comparator.comparingInt(Organization::getDepth)).map(Organization::getId).toList())
                .orElse(List.of());
    }

    /**
     * Where the signed-in caller's permission reaches: one statement, none when it was granted at
     * the root. For other features' queries and checks; checks no permission itself.
     */
    @Transactional(readOnly = true)
    public Reach reach(Permission permission) {
        return reach(permission, null);
    }

    /**
     * As {@link #reach(Permission)}, only at or below {@code within} (a page's filter) as well:
     * still one statement; none when neither restricts.
     */
    @Transactional(readOnly = true)
    public Reach reach(Permission permission, UUID within) {
        Scope scope = scope(permission);
        if (scope.everywhere()) {
            return within == null ? Reach.EVERYWHERE : new Reach(false, new java.util.HashSet<>(subtree(within)));
        }
        if (scope.nowhere()) {
            return Reach.NOWHERE;
        }
        return new Reach(false, new java.util.HashSet<>(within == null ? organizations.findReach(scope.organizations())
                : organizations.findReachWithin(scope.organizations(), within)));
    }

    /**
     * Whether the caller's permission reaches the organization: one statement (its path). An
     * organization that does not exist is reached by nobody.
     */
    @Transactional(readOnly = true)
    public boolean reaches(Permission permission, UUID organization) {
        Scope scope = scope(permission);
        if (organization == null || scope.nowhere()) {
            return false;
        }
        // One statement either way: an organization that does not exist is reached by nobody.
        List<UUID> ancestry = ancestry(organization);
        return scope.everywhere() ? !ancestry.isEmpty() : ancestry.stream().anyMatch(scope.organizations()::contains);
    }

    /**
     * The organization and those above it up to the root (read from its path, one statement): a
     * grant in any of them reaches it. Empty when it does not exist. Checks no permission.
     */
    @Transactional(readOnly = true)
    public List<UUID> ancestry(UUID organization) {
        if (organization == null) {
            return List.of();
        }
        return organizations.findPath(organization).map(path -> java.util.Arrays.stream(path.split("/"))
                .filter(part -> !part.isEmpty()).map(UUID::fromString).toList()).orElse(List.of());
    }

    private Scope scope(Permission permission) {
        return currentUser.get().map(user -> user.scope(permission)).orElse(Scope.NOWHERE);
    }

    /** The organization, if it exists; for other features checking a choice. Checks no permission. */
    @Transactional(readOnly = true)
    public Optional<OrganizationRow> organization(UUID id) {
        return id == null ? Optional.empty() : organizations.findById(id).map(Organization::toRow);
    }

    /** The organization's name for the audit trail and messages: the root's in each reader's language. */
    public static Object nameOf(OrganizationRow organization) {
        return organization.isRoot() ? Text.of("organizations.root") : organization.name();
    }

    private Organization find(UUID id) {
        return (id == null ? Optional.<Organization>empty() : organizations.findById(id))
                .orElseThrow(() -> new OrganizationsException(OrganizationsProblem.NOT_FOUND));
    }

    private void requireVersion(Organization organization, long expectedVersion) {
        if (organization.getVersion() != expectedVersion) {
            throw new OrganizationsException(OrganizationsProblem.CONCURRENT_CHANGE);
        }
    }

    private void requireFreeName(UUID parentId, String name, UUID except) {
        boolean taken = organizations.findTree().stream().anyMatch(other -> parentId.equals(other.getParentId())
                && !other.getId().equals(except) && other.getName() != null && other.getName().equalsIgnoreCase(name));
        if (taken) {
            throw new OrganizationsException(OrganizationsProblem.NAME_TAKEN, name);
        }
    }

    private void save(Organization organization, String name) {
        try {
            organizations.saveAndFlush(organization);
        } catch (OptimisticLockingFailureException e) {
            throw new OrganizationsException(OrganizationsProblem.CONCURRENT_CHANGE);
        } catch (DataIntegrityViolationException e) {
            // Another administrator took the name among these siblings a moment ago.
            throw new OrganizationsException(OrganizationsProblem.NAME_TAKEN, name);
        }
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            throw new OrganizationsException(OrganizationsProblem.NAME_INVALID, MAX_NAME);
        }
        return clean;
    }

    private static String description(String description) {
        String clean = description == null ? "" : description.strip();
        if (clean.length() > MAX_DESCRIPTION) {
            throw new OrganizationsException(OrganizationsProblem.DESCRIPTION_INVALID, MAX_DESCRIPTION);
        }
        if (clean.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new OrganizationsException(OrganizationsProblem.DESCRIPTION_INVALID, MAX_DESCRIPTION);
        }
        return clean.isEmpty() ? null : clean;
    }
}
