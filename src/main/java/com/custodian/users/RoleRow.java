package com.custodian.users;

import java.util.Set;
import java.util.UUID;

import com.custodian.security.Permission;

/** A role as the Roles page shows it, with the number of users holding it. */
public record RoleRow(UUID id, String name, boolean builtIn, Set<Permission> permissions, long holders,
        long version) {
}
