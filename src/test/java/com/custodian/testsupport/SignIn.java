package com.custodian.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

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
    public static Authentication as(ApplicationContext context, String email) {
        Authentication authentication = context.getBean(AuthenticationProvider.class).authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(email, "demo"));
        use(context);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return authentication;
    }

    /**
     * Makes the context's own security-context holder the static one. Each application context
     * that Vaadin configures installs its own holder, with its own thread-local; when the test JVM
     * holds several contexts, a test must speak to the holder its context's method security reads.
     */
    public static void use(ApplicationContext context) {
        SecurityContextHolderStrategy strategy = context.getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable();
        if (strategy != null) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}
