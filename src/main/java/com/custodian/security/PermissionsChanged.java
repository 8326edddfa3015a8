package com.custodian.security;

import java.util.List;

/**
 * Published when role assignments or roles change, so that open sessions re-read their permissions
 * at once instead of after the recheck period.
 *
 * @param identities whose permissions changed; empty for "anyone's" (a role itself changed)
 */
public record PermissionsChanged(List<Identity> identities) {

    public static PermissionsChanged anyone() {
        return new PermissionsChanged(List.of());
    }
}
