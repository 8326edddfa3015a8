package com.custodian.users;

import java.util.UUID;

/** The roles every application has. Their IDs are the ones Azure IoT Central uses. */
public enum BuiltInRole {
    APP_ADMINISTRATOR("ca310b8d-2f4a-44e0-a36e-957c202cd8d4"),
    APP_BUILDER("344138e9-8de4-4497-8c54-5237e96d6aaf"),
    APP_OPERATOR("ae2c9854-393b-4f97-8c42-479d70ce626e");

    private final UUID id;

    BuiltInRole(String id) {
        this.id = UUID.fromString(id);
    }

    public UUID id() {
        return id;
    }

    /** The built-in role with this ID, if it is one. */
    public static java.util.Optional<BuiltInRole> of(UUID id) {
        return java.util.Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }

    /** Translation key of the role's name: built-in roles are named in the viewer's language. */
    public String labelKey() {
        return "role." + name();
    }
}
