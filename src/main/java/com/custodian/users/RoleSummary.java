package com.custodian.users;

import java.util.UUID;

/** A role as pages show it. */
public record RoleSummary(UUID id, String name, boolean builtIn) {
}
