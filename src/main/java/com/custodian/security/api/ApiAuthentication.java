package com.custodian.security.api;

import java.util.UUID;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.custodian.security.IdTokenClaims;
import com.custodian.security.Identity;
import com.custodian.security.SignInAuthorities;

/**
 * A bearer token becomes a caller of the API: the service principal (or person) it names by
 * {@code tid} and {@code oid}, in the application's tenant only, with the permissions Custodian's
 * roles give it now — the same ones, checked by the same services, as in the pages.
 */
final class ApiAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

    private final UUID tenant;
    private final SignInAuthorities authorities;

    ApiAuthentication(UUID tenant, SignInAuthorities authorities) {
        this.tenant = tenant;
        this.authorities = authorities;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Identity identity = IdTokenClaims.identityOf(jwt).orElseThrow(() -> new InvalidBearerTokenException(
                "The token names no tenant (tid) and object (oid)"));
        if (!identity.tenantId().equals(tenant)) {
            throw new InvalidBearerTokenException("The token is of another tenant");
        }
        return new JwtAuthenticationToken(jwt, authorities.current(identity), identity.objectId().toString());
    }
}
