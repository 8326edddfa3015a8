package com.custodian.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.custodian.testsupport.EntraTestEnvironment;
import com.custodian.testsupport.Karibu;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;

/** The sign-in page where a tenant is configured: one way in, and failures put into words. */
class EntraSignInViewTest extends EntraTestEnvironment {

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void setUp() {
        Karibu.setUp(context);
    }

    @AfterEach
    void tearDown() {
        Karibu.tearDown();
    }

    @Test
    void offersSignInWithMicrosoftAndNoPasswordForm() {
        UI.getCurrent().navigate("login");
        Anchor signIn = _get(Anchor.class, spec -> spec.withId("sign-in-with-microsoft"));
        assertThat(signIn.getHref()).isEqualTo("oauth2/authorization/entra");
        assertThat(signIn.getText()).isEqualTo("Sign in with Microsoft");
        assertThat(_find(LoginForm.class)).isEmpty();
    }

    @Test
    void explainsWhyASignInFailed() {
        assertThat(messageFor("error", "wrong-tenant")).contains("another organisation");
        assertThat(messageFor("error", "unavailable")).contains("cannot be reached");
        assertThat(messageFor("error", "anything-else")).contains("did not confirm your sign-in");
        assertThat(messageFor("signed-out", "")).isEqualTo("You have signed out.");
    }

    private String messageFor(String parameter, String value) {
        UI.getCurrent().navigate("login", QueryParameters.simple(java.util.Map.of(parameter, value)));
        Paragraph message = _get(Paragraph.class, spec -> spec.withId("sign-in-message"));
        assertThat(message.isVisible()).isTrue();
        return message.getText();
    }
}
