package com.custodian.security.entra;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sends a failed Entra sign-in back to the sign-in page, saying why in words a person understands. */
class EntraSignInFailureHandler implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(EntraSignInFailureHandler.class);

    private final org.springframework.context.ApplicationEventPublisher events;

    EntraSignInFailureHandler(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : "failed";
        // The code comes from the redirect's query: never a line break of the caller's into the log.
        log.warn("Entra sign-in refused: {}", com.custodian.security.LogSafe.of(code));
        String reason = EntraOidcUserService.WRONG_TENANT.equals(code) ? "wrong-tenant" : "failed";
        events.publishEvent(new com.custodian.security.SignInRefused(reason, request.getRemoteAddr(),
                request.getRequestURI()));
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }
}
