package com.custodian.organizations;

/**
 * Why a change to the organization tree was refused. Each has a message in the translation bundle
 * under {@code organizations.problem.<NAME>}, with the exception's arguments filled in.
 */
public enum OrganizationsProblem {
    NOT_FOUND,
    NAME_INVALID,
    DESCRIPTION_INVALID,
    NAME_TAKEN,
    TOO_MANY,
    TOO_DEEP,
    ROOT_FIXED,
    UNDER_ITSELF,
    NOT_EMPTY,
    CONCURRENT_CHANGE;

    public String messageKey() {
        return "organizations.problem." + name();
    }
}
