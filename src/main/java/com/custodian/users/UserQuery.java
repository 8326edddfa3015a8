package com.custodian.users;

import java.util.UUID;

/**
 * What the Users page filters by: text matched against email addresses and names (through the
 * directory, since neither is stored) or an object ID; and a role.
 *
 * @param text null or blank for no text filter
 * @param roleId null for any role
 */
public record UserQuery(String text, UUID roleId) {

    public static final UserQuery ALL = new UserQuery(null, null);

    boolean hasText() {
        return text != null && !text.isBlank();
    }
}
