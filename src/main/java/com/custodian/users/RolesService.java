package com.custodian.users;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.security.Permission;
import com.custodian.security.PermissionsChanged;

/**
 * Built-in and custom roles. Built-in roles are fixed; custom roles are created, renamed, given
 * permissions and deleted here. A caller may only define a role with permissions they hold.
 */
@Service
public class RolesService {

    public static final int MAX_NAME_LENGTH = 100;
    private static final String MANAGE_USERS = "hasRole('" + Permission.Names.MANAGE_USERS + "')";

    private final RoleRepository roles;
    private final RoleGranting granting;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final com.custodian.audit.AuditTrail audit;

    RolesService(RoleRepository roles, RoleGranting granting, Clock clock,
            org.springframework.context.ApplicationEventPublisher events, com.custodian.audit.AuditTrail audit) {
        this.audit = audit;
        this.events = events;
        this.roles = roles;
        this.granting = granting;
        this.clock = clock;
    }

    /** Every role, built-in first, with its permissions and holder count (two statements). */
    @PreAuthorize(MANAGE_USERS)
    @Transactional(readOnly = true)
    public List<RoleRow> listRoles() {
        Map<UUID, Long> holders = new HashMap<>();
        for (Object[] row : roles.countHoldersByRole()) {
            holders.put((UUID) row[0], (Long) row[1]);
        }
        return roles.findAllWithPermissions().stream().map(role -> toRow(role, holders.getOrDefault(role.getId(), 0L)))
                .toList();
    }

    /**
     * @throws UsersException ROLE_NAME_INVALID, ROLE_NAME_TAKEN, ROLE_WITHOUT_PERMISSIONS or
     *         ROLE_NOT_GRANTABLE; nothing is stored
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public RoleRow createRole(String name, Set<Permission> permissions) {
        String roleName = validName(name);
        Set<Permission> granted = validPermissions(permissions);
        granting.requireGrantablePermissions(granted, roleName);
        if (roles.existsByNameIgnoreCase(roleName)) {
            throw new UsersException(UsersProblem.ROLE_NAME_TAKEN, roleName);
        }
        Role role = new Role(UUID.randomUUID(), roleName, granted, clock.instant());
        try {
            roles.saveAndFlush(role);
        } catch (DataIntegrityViolationException e) {
            throw new UsersException(UsersProblem.ROLE_NAME_TAKEN, roleName);
        }
        audit.doneSaying("role.created", role.getId(), permissionsText(roleName, granted));
        return toRow(role, 0);
    }

    /**
     * Renames a custom role and sets its permissions. The caller must hold the role's permissions
     * before and after: changing a role changes what its holders may do.
     *
     * @throws UsersException ROLE_NOT_FOUND, ROLE_BUILT_IN, CONCURRENT_CHANGE, ROLE_NAME_INVALID,
     *         ROLE_NAME_TAKEN, ROLE_WITHOUT_PERMISSIONS or ROLE_NOT_GRANTABLE; nothing is stored
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public RoleRow updateRole(UUID id, long expectedVersion, String name, Set<Permission> permissions) {
        return updateRole(id, expectedVersion, name, permissions, false);
    }

    /**
     * As {@link #updateRole(UUID, long, String, Set)}; taking "Manage users and roles" away from a
     * role the caller holds locks them out of this page, so it needs {@code selfConfirmed}.
     *
     * @throws UsersException SELF_NOT_CONFIRMED as well
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public RoleRow updateRole(UUID id, long expectedVersion, String name, Set<Permission> permissions,
            boolean selfConfirmed) {
        Role role = customRole(id);
        if (role.getVersion() != expectedVersion) {
            throw new UsersException(UsersProblem.CONCURRENT_CHANGE);
        }
        String roleName = validName(name);
        Set<Permission> granted = validPermissions(permissions);
        granting.requireGrantablePermissions(role.getPermissions(), role.getName());
        granting.requireGrantablePermissions(granted, roleName);
        if (!selfConfirmed && role.getPermissions().contains(Permission.MANAGE_USERS)
                && !granted.contains(Permission.MANAGE_USERS) && granting.callerHolds(id)) {
            throw new UsersException(UsersProblem.SELF_NOT_CONFIRMED);
        }
        if (roles.existsByNameIgnoreCaseAndIdNot(roleName, id)) {
            throw new UsersException(UsersProblem.ROLE_NAME_TAKEN, roleName);
        }
        if (role.getName().equals(roleName) && role.getPermissions().equals(granted)) {
            return listRoles().stream().filter(row -> row.id().equals(id)).findFirst().orElseThrow();
        }
        role.rename(roleName);
        role.grantOnly(granted);
        try {
            roles.flush();
        } catch (OptimisticLockingFailureException e) {
            throw new UsersException(UsersProblem.CONCURRENT_CHANGE);
        }
        events.publishEvent(PermissionsChanged.anyone());
        audit.doneSaying("role.changed", id, permissionsText(roleName, granted));
        return listRoles().stream().filter(row -> row.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * @throws UsersException ROLE_NOT_FOUND, ROLE_BUILT_IN, ROLE_IN_USE or ROLE_NOT_GRANTABLE
     */
    @PreAuthorize(MANAGE_USERS)
    @Transactional
    public void deleteRole(UUID id) {
        Role role = customRole(id);
        granting.requireGrantablePermissions(role.getPermissions(), role.getName());
        long holders = roles.countHoldersByRole().stream().filter(row -> row[0].equals(id))
                .mapToLong(row -> (Long) row[1]).sum();
        if (holders > 0) {
            throw new UsersException(UsersProblem.ROLE_IN_USE, role.getName(), holders);
        }
        roles.delete(role);
        try {
            roles.flush();
        } catch (DataIntegrityViolationException e) {
            // Someone assigned the role a moment ago.
            throw new UsersException(UsersProblem.ROLE_IN_USE, role.getName(), 1);
        }
        audit.done("role.deleted", id, role.getName());
    }

    /** "Quality control: View devices, View alert rules", in the reader's words. */
    private static com.custodian.base.i18n.Text permissionsText(String roleName, Set<Permission> permissions) {
        return com.custodian.base.i18n.Text.of("audit.detail.role", roleName, com.custodian.base.i18n.Text.joined(
                "list.pair", permissions.stream().sorted().map(permission -> com.custodian.base.i18n.Text.of(
                        permission.labelKey())).toList()));
    }

    private Role customRole(UUID id) {
        Role role = roles.findById(id).orElseThrow(() -> new UsersException(UsersProblem.ROLE_NOT_FOUND));
        if (role.isBuiltIn()) {
            throw new UsersException(UsersProblem.ROLE_BUILT_IN, role.getName());
        }
        return role;
    }

    private static String validName(String name) {
        String roleName = name == null ? "" : name.strip();
        if (roleName.isEmpty() || roleName.length() > MAX_NAME_LENGTH
                || roleName.chars().anyMatch(Character::isISOControl)) {
            throw new UsersException(UsersProblem.ROLE_NAME_INVALID, MAX_NAME_LENGTH);
        }
        return roleName;
    }

    private static Set<Permission> validPermissions(Set<Permission> permissions) {
        if (permissions == null || permissions.isEmpty()) {
            throw new UsersException(UsersProblem.ROLE_WITHOUT_PERMISSIONS);
        }
        return EnumSet.copyOf(permissions);
    }

    private static RoleRow toRow(Role role, long holders) {
        Set<Permission> permissions = role.getPermissions().isEmpty() ? EnumSet.noneOf(Permission.class)
                : EnumSet.copyOf(role.getPermissions());
        return new RoleRow(role.getId(), role.getName(), role.isBuiltIn(), permissions, holders, role.getVersion());
    }
}
