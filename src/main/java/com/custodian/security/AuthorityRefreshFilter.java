package com.custodian.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps a signed-in session's permissions in step with the role assignments: an administrator's
 * change (a role taken away, a user deleted) reaches the other person's open session within
 * {@code custodian.security.recheck-permissions-after} (15 s by default), not at their next
 * sign-in. Each identity's permissions are read at most once in that time.
 */
class AuthorityRefreshFilter extends OncePerRequestFilter {

    private final SignInAuthorities authorities;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final Cache<Identity, Collection<GrantedAuthority>> current;

    /** Forgets what the change concerns (after the changing transaction commits). */
    void forget(PermissionsChanged change) {
        if (change.identities().isEmpty()) {
            current.invalidateAll();
        } else {
            current.invalidateAll(change.identities());
        }
    }

    private final SecurityContextHolderStrategy holder;

    AuthorityRefreshFilter(SignInAuthorities authorities, Duration recheckAfter, SecurityContextHolderStrategy holder) {
        this.authorities = authorities;
        this.holder = holder;
        this.current = Caffeine.newBuilder().expireAfterWrite(recheckAfter).maximumSize(10_000).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = holder.getContext();
        Authentication authentication = context.getAuthentication();
        if (authentication instanceof OAuth2AuthenticationToken token && token.getPrincipal() instanceof OidcUser user) {
            IdTokenClaims.identityOf(user).ifPresent(identity -> {
                Collection<GrantedAuthority> now = current.get(identity, authorities::current);
                if (!new HashSet<>(now).equals(new HashSet<>(token.getAuthorities()))) {
                    DefaultOidcUser refreshed = new DefaultOidcUser(now, user.getIdToken(), IdTokenClaims.OBJECT_ID);
                    OAuth2AuthenticationToken replaced = new OAuth2AuthenticationToken(refreshed, now,
                            token.getAuthorizedClientRegistrationId());
                    replaced.setDetails(token.getDetails());
                    context.setAuthentication(replaced);
                    contexts.saveContext(context, request, response);
                }
            });
        }
        chain.doFilter(request, response);
    }
}
