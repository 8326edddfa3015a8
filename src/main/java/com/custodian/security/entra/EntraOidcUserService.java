package com.custodian.security.entra;

import java.util.UUID;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.custodian.security.GroupClaim;
import com.custodian.security.IdTokenClaims;
import com.custodian.security.Identity;
import com.custodian.security.SignInAuthorities;

/**
 * Turns a validated Entra ID token into Custodian's principal. Identity is the token's {@code tid}
 * and {@code oid}; a token of another tenant is refused; authorities come from Custodian's own role
 * assignments and its assigned groups (from the token's {@code groups} claim, or the directory when the
 * token has none or an overage). User-info is not fetched: Entra's user-info endpoint carries no {@code oid}.
 */
class EntraOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String WRONG_TENANT = "wrong_tenant";
    static final String NO_IDENTITY = "no_identity";

    private final OidcUserService tokens = new OidcUserService();
    private final UUID tenantId;
    private final SignInAuthorities signInAuthorities;

    EntraOidcUserService(UUID tenantId, SignInAuthorities signInAuthorities) {
        this.tenantId = tenantId;
        this.signInAuthorities = signInAuthorities;
        tokens.setRetrieveUserInfo(request -> false);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser validated = tokens.loadUser(request);
        Identity identity = IdTokenClaims.identityOf(validated).orElseThrow(() -> new OAuth2AuthenticationException(
                new OAuth2Error(NO_IDENTITY, "The ID token carries no tid and oid", null)));
        if (!identity.tenantId().equals(tenantId)) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(WRONG_TENANT, "The ID token is of another tenant", null));
        }
        return new DefaultOidcUser(signInAuthorities.signIn(identity, GroupClaim.from(validated.getClaims())),
                validated.getIdToken(),
                IdTokenClaims.OBJECT_ID);
    }
}
