package com.custodian.directory;

/** What kind of directory object an application user is. */
public enum DirectoryObjectType {
    PERSON,
    SERVICE_PRINCIPAL
}
