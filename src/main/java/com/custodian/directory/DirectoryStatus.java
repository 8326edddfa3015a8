package com.custodian.directory;

/** What a lookup found for one object ID. */
public enum DirectoryStatus {
    /** The directory knows the object. */
    FOUND,
    /** The directory answered and does not know the object (deleted from Entra, or never there). */
    NOT_IN_DIRECTORY,
    /** The directory could not be asked; nothing is known either way. */
    UNAVAILABLE
}
