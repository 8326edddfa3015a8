package com.custodian.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.custodian.security.IdTokenClaims;

/**
 * Sign-ins and the refused calls of known callers (a signed-in person, a service principal with a
 * valid token) into the audit trail, one entry each, naming who. A bearer token authenticates every
 * API request, so those successes are not entries; their refusals are. Failed sign-ins and the
 * refusals of callers nobody knows are counted into the system log instead ({@link RefusalTally}):
 * whatever they send adds a bounded number of rows, and never to the administrators' trail.
 */
@org.springframework.context.annotation.Configuration
class AccessAudit {

    /** Method security tells of its refusals, so they reach the audit trail. */
    @org.springframework.context.annotation.Bean
    static org.springframework.security.authorization.AuthorizationEventPublisher authorizationEventPublisher(
            org.springframework.context.ApplicationEventPublisher publisher) {
        return new org.springframework.security.authorization.SpringAuthorizationEventPublisher(publisher);
    }

    private final AuditTrail audit;
    private final com.custodian.systemlog.RefusalTally anonymous;

    AccessAudit(AuditTrail audit, com.custodian.systemlog.RefusalTally anonymous) {
        this.audit = audit;
        this.anonymous = anonymous;
    }

    @EventListener
    void on(AuthenticationSuccessEvent success) {
        if (success.getAuthentication() instanceof JwtAuthenticationToken) {
            return;
        }
        if (!applicationUser(success.getAuthentication())) {
            // Anyone of the tenant may sign in; only the application's users are entries of the trail.
            countOncePerRequest("sign-in-without-role");
            return;
        }
        Object principal = success.getAuthentication().getPrincipal();
        String actor = principal instanceof OidcUser user ? IdTokenClaims.identityOf(user)
                .map(identity -> identity.objectId().toString()).orElse(null) : null;
        audit.doneBy(actor, "sign-in", null, null);
    }

    /** A wrong password, a made-up or expired token: nobody is known yet, so it is counted. */
    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        boolean bearer = failure.getAuthentication() instanceof org.springframework.security.oauth2.server.resource
                .authentication.BearerTokenAuthenticationToken;
        countOncePerRequest(bearer ? "bearer-token" : "sign-in");
    }

    /** Refused calls made from outside any transaction (a nested call's refusal surfaces through its caller). */
    @EventListener
    void on(AuthorizationDeniedEvent<?> denied) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        org.springframework.security.core.Authentication who = denied.getAuthentication().get();
        if (who == null || !who.isAuthenticated()
                || who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            countOncePerRequest("not-signed-in");
            return;
        }
        if (!applicationUser(who)) {
            // A valid token or account of the tenant, but no role here: as many as such callers like.
            countOncePerRequest("no-role");
            return;
        }
        audit.refused("access", describe(denied.getSource()), null);
    }

    /** A refused Entra sign-in: nobody known yet. */
    @EventListener
    void on(com.custodian.security.SignInRefused refused) {
        anonymous.count("access.refused", "entra-sign-in-" + refused.reason(), refused.address(), refused.path());
    }

    private static boolean applicationUser(org.springframework.security.core.Authentication who) {
        return who.getAuthorities().stream().anyMatch(authority -> authority.getAuthority()
                .equals("ROLE_" + com.custodian.security.Permission.Names.APP_USER));
    }

    /** One request is one refusal, however many of the security chain's parts tell of it. */
    private void countOncePerRequest(String kind) {
        var request = request();
        String counted = AccessAudit.class.getName() + ".counted";
        if (request.isPresent() && request.get().getAttribute(counted) != null) {
            return;
        }
        request.ifPresent(r -> r.setAttribute(counted, Boolean.TRUE));
        anonymous.count("access.refused", kind, address(), path());
    }

    /** The caller's address, when the refusal happened while serving a request. */
    private static String address() {
        return request().map(jakarta.servlet.http.HttpServletRequest::getRemoteAddr).orElse(null);
    }

    private static String path() {
        return request().map(jakarta.servlet.http.HttpServletRequest::getRequestURI).orElse(null);
    }

    private static java.util.Optional<jakarta.servlet.http.HttpServletRequest> request() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                        ? java.util.Optional.of(attributes.getRequest()) : java.util.Optional.empty();
    }

    private static String describe(Object secured) {
        if (secured instanceof org.aopalliance.intercept.MethodInvocation invocation) {
            return invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
        }
        if (secured instanceof jakarta.servlet.http.HttpServletRequest request) {
            // A page or address refused: which one (the trail cleans and cuts what it stores).
            return request.getMethod() + " " + request.getRequestURI();
        }
        return secured == null ? null : secured.getClass().getSimpleName();
    }
}
