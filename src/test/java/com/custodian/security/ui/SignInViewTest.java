package com.custodian.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.custodian.testsupport.AbstractViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;

/** The default run's sign-in page: the form, and why a sign-in came back to it. */
class SignInViewTest extends AbstractViewTest {

    @Test
    void aFreshPageShowsTheFormAndNoMessage() {
        UI.getCurrent().navigate("login");
        assertThat(_get(LoginForm.class).isError()).isFalse();
        assertThat(_find(Paragraph.class, spec -> spec.withId("sign-in-message"))).as("no visible message").isEmpty();
    }

    @Test
    void aSignInRefusedForAnExpiredPageSaysSoAndOffersTheFormAgain() {
        UI.getCurrent().navigate("login", QueryParameters.simple(Map.of(SignInView.EXPIRED, "")));
        Paragraph message = _get(Paragraph.class, spec -> spec.withId("sign-in-message"));
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isEqualTo("The sign-in page had expired, so you were not signed in. Sign in again.");
        assertThat(message.getClassNames()).doesNotContain("error");
        assertThat(_get(LoginForm.class).isError()).as("not a wrong password").isFalse();
    }
}
