package com.custodian.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.security.Permission;
import com.custodian.users.BuiltInRole;

/** The callers of the access matrices: each demo role, a person without a role, and anonymous (null). */
public final class Callers {

    private Callers() {
    }

    /** Email (null for anonymous) → the permissions stored for the caller's built-in role. */
    public static Map<String, Set<String>> withPermissions(JdbcTemplate jdbc) {
        Map<String, Set<String>> callers = new LinkedHashMap<>();
        callers.put(SignIn.ADMIN, permissionsOf(jdbc, BuiltInRole.APP_ADMINISTRATOR));
        callers.put(SignIn.BUILDER, permissionsOf(jdbc, BuiltInRole.APP_BUILDER));
        callers.put(SignIn.OPERATOR, permissionsOf(jdbc, BuiltInRole.APP_OPERATOR));
        callers.put(SignIn.NO_ROLE, Set.of());
        callers.put(null, Set.of());
        return callers;
    }

    private static Set<String> permissionsOf(JdbcTemplate jdbc, BuiltInRole role) {
        Set<String> permissions = new TreeSet<>(jdbc.queryForList("select permission from role_permission where "
                + "role_id = ?", String.class, role.id().toString()));
        // Holding any role makes one an application user.
        permissions.add(Permission.Names.APP_USER);
        return permissions;
    }
}
