package com.custodian.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;

/**
 * Base of the view tests of the default run: the whole application context on MariaDB, a mocked
 * Vaadin environment with the application's real routes, and sign-in through the application's own
 * local sign-in provider.
 */
@SpringBootTest
public abstract class AbstractViewTest {

    @Autowired
    protected ApplicationContext context;

    @BeforeEach
    void setUpVaadin() {
        Karibu.setUp(context);
    }

    @AfterEach
    void tearDownVaadin() {
        Karibu.tearDown();
    }

    /** Signs the demo account in through the local sign-in provider. */
    protected Authentication signInAs(String email) {
        Authentication authentication = SignIn.as(context, email);
        Karibu.signIn(authentication);
        return authentication;
    }
}
