package com.custodian.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.custodian.security.IdTokenClaims;

/**
 * Sign-ins, failed sign-ins and refused calls into the audit trail. A bearer token authenticates
 * every API request, so those successes are not entries; their refusals are.
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

    AccessAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AuthenticationSuccessEvent success) {
        if (success.getAuthentication() instanceof JwtAuthenticationToken) {
            return;
        }
        Object principal = success.getAuthentication().getPrincipal();
        String actor = principal instanceof OidcUser user ? IdTokenClaims.identityOf(user)
                .map(identity -> identity.objectId().toString()).orElse(null) : null;
        audit.doneBy(actor, "sign-in", null, null);
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        audit.refusedBy(null, "sign-in", null, failure.getException().getClass().getSimpleName());
    }

    /** Refused calls made from outside any transaction (a nested call's refusal surfaces through its caller). */
    @EventListener
    void on(AuthorizationDeniedEvent<?> denied) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            audit.refused("access", describe(denied.getSource()), "refused");
        }
    }

    private static String describe(Object secured) {
        if (secured instanceof org.aopalliance.intercept.MethodInvocation invocation) {
            return invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
        }
        return secured == null ? null : secured.getClass().getSimpleName();
    }
}
