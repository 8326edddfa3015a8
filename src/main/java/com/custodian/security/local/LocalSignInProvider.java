package com.custodian.security.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.EntraConfigured;
import com.custodian.security.IdTokenClaims;
import com.custodian.security.Identity;
import com.custodian.security.SignInAuthorities;

/**
 * The default run's sign-in: any person in the local directory, with the demo password. It makes
 * the same kind of principal an Entra sign-in makes (an OIDC user whose ID token carries
 * {@code tid} and {@code oid}), so everything after sign-in runs the same code.
 */
@Component
@Conditional(EntraConfigured.No.class)
class LocalSignInProvider implements AuthenticationProvider {


    static final String REGISTRATION_ID = "local";

    private final DirectoryService directory;
    private final SignInAuthorities signInAuthorities;
    private final Clock clock;

    LocalSignInProvider(DirectoryService directory, SignInAuthorities signInAuthorities, Clock clock) {
        this.directory = directory;
        this.signInAuthorities = signInAuthorities;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal()).strip();
        String password = String.valueOf(authentication.getCredentials());
        List<DirectoryEntry> people = email.isEmpty() ? List.of() : directory.findPeopleByEmail(email);
        boolean passwordMatches = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                DemoAccounts.PASSWORD.getBytes(StandardCharsets.UTF_8));
        if (people.size() != 1 || !passwordMatches) {
            throw new BadCredentialsException("Unknown email address or wrong password");
        }
        DirectoryEntry person = people.getFirst();
        Identity identity = new Identity(directory.tenantId(), person.objectId());
        Collection<GrantedAuthority> authorities = signInAuthorities.signIn(identity);
        Instant now = clock.instant();
        OidcIdToken idToken = new OidcIdToken("local-" + person.objectId(), now, now.plus(Duration.ofHours(8)),
                Map.of("iss", "https://local-sign-in.custodian.invalid", "sub", person.objectId().toString(), "aud", List.of("custodian"),
                        IdTokenClaims.TENANT_ID, identity.tenantId().toString(),
                        IdTokenClaims.OBJECT_ID, identity.objectId().toString(),
                        IdTokenClaims.NAME, person.displayName(),
                        IdTokenClaims.PREFERRED_USERNAME, person.email()));
        DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, IdTokenClaims.OBJECT_ID);
        return new OAuth2AuthenticationToken(user, authorities, REGISTRATION_ID);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
