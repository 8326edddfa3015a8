package com.custodian.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;

/**
 * A mocked Vaadin environment over a real application context, with the application's routes.
 * Views keep their access annotations, so navigation is refused exactly as in the browser.
 */
public final class Karibu {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("com.custodian");

    private Karibu() {
    }

    public static void setUp(ApplicationContext context) {
        SignIn.use(context);
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    public static void tearDown() {
        SecurityContextHolder.clearContext();
        MockVaadin.tearDown();
    }

    /** Makes the authentication the signed-in user, for services (security context) and views (the request). */
    public static void signIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> authority.equals("ROLE_" + role) || authority.equals(role)));
    }
}
