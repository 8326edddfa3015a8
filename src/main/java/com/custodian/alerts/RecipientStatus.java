package com.custodian.alerts;

/** What the directory and the users feature say of an address stored on rules. */
public enum RecipientStatus {
    /** A current application user who has signed in: gets the rules' emails. */
    SIGNED_IN_USER,
    /** An application user who has never signed in: gets nothing until they do. */
    NEVER_SIGNED_IN,
    /** Nobody in the directory, or nobody who is an application user: gets nothing. */
    NOT_A_USER,
    /** The directory could not be asked; the send-time check decides when it answers. */
    DIRECTORY_UNAVAILABLE;

    public boolean receives() {
        return this == SIGNED_IN_USER;
    }
}
