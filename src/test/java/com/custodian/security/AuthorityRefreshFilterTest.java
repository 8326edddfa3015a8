package com.custodian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** Open sessions follow role changes: after the recheck period, and at once when told of a change. */
class AuthorityRefreshFilterTest {

    private final Identity identity = new Identity(UUID.randomUUID(), UUID.randomUUID());
    private final AtomicReference<Set<Permission>> assigned = new AtomicReference<>(EnumSet.of(Permission.MANAGE_USERS));
    private final SignInAuthorities authorities = new SignInAuthorities(new SignInAccess() {
        @Override
        public Access signIn(Identity who, GroupClaim groups) {
            return Access.everywhere(assigned.get(), false);
        }

        @Override
        public Access currentAccess(Identity who) {
            return Access.everywhere(assigned.get(), false);
        }

        @Override
        public AccessSources grants(Identity who) {
            return new AccessSources(java.util.List.of(), false);
        }
    });
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    @Test
    void aTakenAwayRoleReachesTheSessionOnceTheChangeIsAnnounced() throws Exception {
        AuthorityRefreshFilter filter = new AuthorityRefreshFilter(authorities, Duration.ofHours(1), holder);
        signIn();
        request(filter);
        assertThat(sessionAuthorities()).contains("ROLE_MANAGE_USERS");

        assigned.set(EnumSet.noneOf(Permission.class));
        request(filter);
        assertThat(sessionAuthorities()).as("within the recheck period, the cached answer holds").contains("ROLE_MANAGE_USERS");

        filter.forget(new PermissionsChanged(List.of(identity)));
        request(filter);
        assertThat(sessionAuthorities()).isEmpty();
        holder.clearContext();
    }

    @Test
    void withoutCachingEveryRequestSeesTheChange() throws Exception {
        AuthorityRefreshFilter filter = new AuthorityRefreshFilter(authorities, Duration.ZERO, holder);
        signIn();
        assigned.set(EnumSet.of(Permission.VIEW_DEVICES));
        request(filter);
        assertThat(sessionAuthorities()).containsExactlyInAnyOrder("ROLE_APP_USER", "ROLE_VIEW_DEVICES",
                SignInAuthorities.SCOPE_PREFIX + "VIEW_DEVICES:" + Scope.ROOT);
        holder.clearContext();
    }

    private void signIn() {
        Instant now = Instant.now();
        OidcIdToken token = new OidcIdToken("t", now, now.plusSeconds(60), Map.of("sub", "s",
                "tid", identity.tenantId().toString(), "oid", identity.objectId().toString()));
        var granted = authorities.signIn(identity);
        holder.getContext().setAuthentication(new OAuth2AuthenticationToken(new DefaultOidcUser(granted, token, "oid"),
                granted, "local"));
    }

    private void request(AuthorityRefreshFilter filter) throws Exception {
        filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), new MockFilterChain());
    }

    private List<String> sessionAuthorities() {
        return holder.getContext().getAuthentication().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .toList();
    }
}
