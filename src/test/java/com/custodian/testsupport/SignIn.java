package com.custodian.testsupport;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Signs in through the application's own sign-in provider, as the sign-in page would. */
public final class SignIn {

    public static final String ADMIN = "admin@contoso.test";
    public static final String BUILDER = "builder@contoso.test";
    public static final String OPERATOR = "operator@contoso.test";
    /** In the local directory, but holds no role. */
    public static final String NO_ROLE = "dana@contoso.test";

    private SignIn() {
    }

    /** Authenticates the demo account and makes it the current security context's user. */
    public static Authentication as(AuthenticationProvider provider, String email) {
        Authentication authentication = provider.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(email, "demo"));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return authentication;
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}
