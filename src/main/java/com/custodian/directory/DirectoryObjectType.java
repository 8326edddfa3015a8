package com.custodian.directory;

/** What kind of directory object an application user is. */
public enum DirectoryObjectType {
    PERSON,
    SERVICE_PRINCIPAL,
    /** A Microsoft Entra group (security or Microsoft 365): its members hold what it holds. */
    GROUP
}
