package com.custodian.security;

/**
 * What a role may do. Roles grant sets of permissions; a signed-in user holds the union of the
 * permissions of their roles, as Spring Security roles named after the constants (so
 * {@code @RolesAllowed(Permission.Names.MANAGE_USERS)} guards a view and
 * {@code @PreAuthorize("hasRole('MANAGE_USERS')")} a service method).
 */
public enum Permission {
    MANAGE_USERS,
    MANAGE_DATA_REQUESTS,
    VIEW_ALERT_RULES,
    MANAGE_ALERT_RULES,
    VIEW_DEVICES,
    MANAGE_DEVICES,
    DELETE_DEVICES,
    EXPORT_DEVICE_DATA,
    ERASE_DEVICE_DATA,
    VIEW_AUDIT_TRAIL,
    MANAGE_ORGANIZATIONS;

    /** The permission names as compile-time constants, for security annotations. */
    public static final class Names {
        public static final String MANAGE_USERS = "MANAGE_USERS";
        public static final String MANAGE_DATA_REQUESTS = "MANAGE_DATA_REQUESTS";
        public static final String VIEW_ALERT_RULES = "VIEW_ALERT_RULES";
        public static final String MANAGE_ALERT_RULES = "MANAGE_ALERT_RULES";
        public static final String VIEW_DEVICES = "VIEW_DEVICES";
        public static final String MANAGE_DEVICES = "MANAGE_DEVICES";
        public static final String DELETE_DEVICES = "DELETE_DEVICES";
        public static final String EXPORT_DEVICE_DATA = "EXPORT_DEVICE_DATA";
        public static final String ERASE_DEVICE_DATA = "ERASE_DEVICE_DATA";
        public static final String VIEW_AUDIT_TRAIL = "VIEW_AUDIT_TRAIL";
        public static final String MANAGE_ORGANIZATIONS = "MANAGE_ORGANIZATIONS";
        /** Held by everyone who has at least one role in the application. */
        public static final String APP_USER = "APP_USER";

        private Names() {
        }
    }

    /** The Spring Security authority that carries this permission. */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * Whether the permission is the whole application's: customer data requests and the audit
     * trail span organizations (a person's data is in many), and the tree itself is above any of
     * them. It is held only when granted at the root; the others apply in the organization a role
     * was given in and everything below it.
     */
    public boolean applicationWide() {
        return this == MANAGE_DATA_REQUESTS || this == VIEW_AUDIT_TRAIL || this == MANAGE_ORGANIZATIONS;
    }

    /** Translation key of the permission's label. */
    public String labelKey() {
        return "permission." + name();
    }
}
