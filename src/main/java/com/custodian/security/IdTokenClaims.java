package com.custodian.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The ID token claims Custodian relies on. Identity is {@code tid} + {@code oid}: Entra's
 * {@code sub} is pairwise per application and {@code preferred_username} can change.
 */
public final class IdTokenClaims {

    public static final String TENANT_ID = "tid";
    public static final String OBJECT_ID = "oid";
    public static final String NAME = "name";
    public static final String PREFERRED_USERNAME = "preferred_username";

    private IdTokenClaims() {
    }

    /** The identity the token names, if it carries a well-formed {@code tid} and {@code oid}. */
    /** The identity a bearer token names by {@code tid} and {@code oid}. */
    public static Optional<Identity> identityOf(org.springframework.security.oauth2.jwt.Jwt token) {
        try {
            String tid = token.getClaimAsString(TENANT_ID);
            String oid = token.getClaimAsString(OBJECT_ID);
            return tid == null || oid == null ? Optional.empty()
                    : Optional.of(new Identity(UUID.fromString(tid), UUID.fromString(oid)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Identity> identityOf(OidcUser user) {
        return uuidClaim(user, TENANT_ID)
                .flatMap(tenant -> uuidClaim(user, OBJECT_ID).map(object -> new Identity(tenant, object)));
    }

    private static Optional<UUID> uuidClaim(OidcUser user, String claim) {
        Object value = user.getClaims().get(claim);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
