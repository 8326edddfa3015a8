package com.custodian.directory;

import java.util.UUID;

/**
 * What the directory says about one object at the moment it was asked. Held in memory only:
 * Custodian never stores a user's email address or name.
 *
 * @param email the mail address, or the user principal name when the object has no mail; null for
 *        service principals
 */
public record DirectoryEntry(UUID objectId, DirectoryObjectType type, String displayName, String email) {
}
