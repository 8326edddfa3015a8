package com.custodian.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;

/**
 * Base of the view tests: the whole application context on MariaDB, a mocked Vaadin environment
 * with the application's real routes, and sign-in through the application's own provider. Views
 * keep their access annotations, so navigation is refused exactly as in the browser.
 */
@SpringBootTest
public abstract class AbstractViewTest {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("com.custodian");

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected AuthenticationProvider signInProvider;

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        SignIn.out();
        MockVaadin.tearDown();
    }

    /** Signs the demo account in, for services (security context) and views (the request). */
    protected Authentication signInAs(String email) {
        Authentication authentication = SignIn.as(signInProvider, email);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> authority.equals("ROLE_" + role) || authority.equals(role)));
        return authentication;
    }
}
