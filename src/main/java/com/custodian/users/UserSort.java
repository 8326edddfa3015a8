package com.custodian.users;

/** The columns the Users page may sort by, and the entity properties behind them. */
public enum UserSort {
    TYPE("type"),
    ADDED("addedAt"),
    LAST_SIGN_IN("lastSignInAt");

    private final String property;

    UserSort(String property) {
        this.property = property;
    }

    String property() {
        return property;
    }
}
