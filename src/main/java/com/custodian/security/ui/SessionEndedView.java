package com.custodian.security.ui;

import java.util.Arrays;
import java.util.Set;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import jakarta.servlet.http.Cookie;

/**
 * Where a session that ended by itself lands: idle too long, open too long in all, or an account
 * the directory no longer lets sign in. Says which, and offers to sign in again.
 */
@Route(value = "session-ended", autoLayout = false)
@AnonymousAllowed
public final class SessionEndedView extends Composite<VerticalLayout> implements BeforeEnterObserver, HasDynamicTitle {

    private static final Set<String> REASONS = Set.of("idle", "lifetime", "account");

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        VaadinRequest request = VaadinRequest.getCurrent();
        String reason = request == null || request.getCookies() == null ? null : Arrays.stream(request.getCookies())
                .filter(cookie -> "custodian-session-ended".equals(cookie.getName())).map(Cookie::getValue)
                .filter(REASONS::contains).findFirst().orElse(null);
        VerticalLayout layout = getContent();
        layout.removeAll();
        layout.setSizeFull();
        layout.setAlignItems(VerticalLayout.Alignment.CENTER);
        layout.setJustifyContentMode(VerticalLayout.JustifyContentMode.CENTER);
        layout.addClassNames("custodian-no-access");
        layout.setId("session-ended");
        Anchor signIn = new Anchor("login", getTranslation("session-ended.sign-in"));
        signIn.addClassNames("custodian-sign-in-button");
        signIn.setId("sign-in-again");
        layout.add(new H1(getTranslation("session-ended.title")),
                new Paragraph(getTranslation("session-ended." + (reason == null ? "other" : reason))), signIn);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("session-ended.title");
    }
}
