package com.custodian.security;

import java.io.IOException;
import java.time.Duration;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a signed-in session that has been idle too long (Vaadin's heartbeats, which an open tab sends
 * by itself, are not activity), that has lived too long in all, or whose account the directory has
 * disabled or deleted. The next request finds itself signed out; a page asked for goes to the
 * "your session has ended" page, which says why and offers to sign in again.
 */
class SessionLimitsFilter extends OncePerRequestFilter {

    static final String LAST_ACTIVE = SessionLimitsFilter.class.getName() + ".lastActive";
    /** When the person signed in: the session itself may be older (made for the sign-in page). */
    static final String SIGNED_IN = SessionLimitsFilter.class.getName() + ".signedIn";
    static final String ENDED_COOKIE = "custodian-session-ended";

    private final Duration idle;
    private final Duration lifetime;
    private final AccountWatch accounts;
    private final SecurityContextHolderStrategy holder;

    SessionLimitsFilter(Duration idle, Duration lifetime, AccountWatch accounts, SecurityContextHolderStrategy holder) {
        this.idle = idle;
        this.lifetime = lifetime;
        this.accounts = accounts;
        this.holder = holder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = holder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            long now = System.currentTimeMillis();
            String reason = null;
            var identity = IdTokenClaims.identityOf(user);
            identity.ifPresent(person -> accounts.seen(person.objectId()));
            if (identity.isPresent() && accounts.ended(identity.get().objectId())) {
                reason = "account";
            } else if (session.getAttribute(SIGNED_IN) instanceof Long signedIn && now - signedIn > lifetime.toMillis()) {
                reason = "lifetime";
            } else if (session.getAttribute(LAST_ACTIVE) instanceof Long last && now - last > idle.toMillis()) {
                reason = "idle";
            }
            if (reason != null) {
                end(request, response, session, reason);
                if (!isVaadinRequest(request)) {
                    response.sendRedirect(request.getContextPath() + "/session-ended");
                    return;
                }
                // Vaadin's own request finds the session gone and takes the page to the same place.
            } else {
                if (session.getAttribute(SIGNED_IN) == null) {
                    session.setAttribute(SIGNED_IN, now);
                }
                if (!isHeartbeat(request)) {
                    session.setAttribute(LAST_ACTIVE, now);
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void end(HttpServletRequest request, HttpServletResponse response, HttpSession session, String reason) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyGone) {
            // invalidated meanwhile by another request of the same browser
        }
        holder.clearContext();
        Cookie why = new Cookie(ENDED_COOKIE, reason);
        why.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        why.setHttpOnly(true);
        why.setMaxAge(300);
        why.setSecure(request.isSecure());
        why.setAttribute("SameSite", "Lax");
        response.addCookie(why);
    }

    /** Vaadin's keep-alive of an open tab: not a person doing anything. */
    private static boolean isHeartbeat(HttpServletRequest request) {
        return "heartbeat".equals(request.getParameter("v-r"));
    }

    private static boolean isVaadinRequest(HttpServletRequest request) {
        return request.getParameter("v-r") != null;
    }
}
