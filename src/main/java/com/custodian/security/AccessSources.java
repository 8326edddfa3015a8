package com.custodian.security;

import java.util.List;

/**
 * Each role an identity holds now and where it comes from.
 *
 * @param groupsUnchecked the directory could not say which assigned groups the identity is in: the
 *        grants of groups are missing, not refused for good
 */
public record AccessSources(List<AccessGrant> grants, boolean groupsUnchecked) {

    public AccessSources {
        grants = List.copyOf(grants);
    }
}
