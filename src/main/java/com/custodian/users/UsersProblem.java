package com.custodian.users;

/**
 * Why a change to users or roles was refused. Each has a message in the translation bundle under
 * {@code users.problem.<NAME>}, with the exception's arguments filled in.
 */
public enum UsersProblem {
    EMAIL_INVALID,
    NOBODY_WITH_EMAIL,
    SEVERAL_WITH_EMAIL,
    ALREADY_USER,
    OBJECT_ID_INVALID,
    NOT_IN_DIRECTORY,
    NOT_A_SERVICE_PRINCIPAL,
    NOT_A_GROUP,
    GROUP_NAME_TOO_SHORT,
    DIRECTORY_UNAVAILABLE,
    NO_ROLES,
    ROLE_NOT_FOUND,
    ROLE_NOT_GRANTABLE,
    USER_NOT_FOUND,
    LAST_ADMINISTRATOR,
    SELF_NOT_CONFIRMED,
    CONCURRENT_CHANGE,
    TOO_MANY_AT_ONCE,
    ROLE_NAME_INVALID,
    ROLE_NAME_TAKEN,
    ROLE_BUILT_IN,
    ROLE_IN_USE,
    ROLE_WITHOUT_PERMISSIONS,
    ORGANIZATION_NOT_FOUND,
    ROLE_ONLY_AT_ROOT,
    ALREADY_IN_ORGANIZATION;

    public String messageKey() {
        return "users.problem." + name();
    }
}
