package com.custodian.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an identity may do now: the permissions of its own roles and of the roles of every assigned
 * group it belongs to.
 *
 * @param groupsUnchecked the identity's membership of assigned groups could not be asked (the
 *        directory did not answer): what groups would give is refused, not assumed
 */
public record Access(Set<Permission> permissions, boolean groupsUnchecked) {

    public static final Access NONE = new Access(EnumSet.noneOf(Permission.class), false);

    public Access {
        permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }
}
