package com.custodian.security;

import java.util.Objects;
import java.util.UUID;

/**
 * Who someone is, as Microsoft Entra ID says: the tenant ({@code tid}) and the object ID
 * ({@code oid}). Custodian keys everything on these two, never on a name or an email address.
 */
public record Identity(UUID tenantId, UUID objectId) {

    public Identity {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
    }
}
