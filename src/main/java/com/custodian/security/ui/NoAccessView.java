package com.custodian.security.ui;

import com.custodian.security.CurrentUser;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.PermitAll;

/**
 * What a signed-in person without any role in the application sees: who they are signed in as,
 * what to ask an administrator for, and a way out.
 */
@Route(value = "no-access", autoLayout = false)
@PermitAll
public final class NoAccessView extends Composite<VerticalLayout> implements BeforeEnterObserver, HasDynamicTitle {

    private final CurrentUser currentUser;

    NoAccessView(CurrentUser currentUser, AuthenticationContext authenticationContext) {
        this.currentUser = currentUser;
        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setAlignItems(VerticalLayout.Alignment.CENTER);
        layout.setJustifyContentMode(VerticalLayout.JustifyContentMode.CENTER);
        layout.addClassNames("custodian-no-access");

        H1 title = new H1(getTranslation("no-access.title"));
        SignedInUser user = currentUser.require();
        Paragraph who = new Paragraph(getTranslation("no-access.signed-in-as",
                user.username() == null ? user.objectId().toString() : user.username()));
        Paragraph what = new Paragraph(getTranslation(user.groupsUnchecked() ? "no-access.groups-unchecked"
                : "no-access.explanation"));
        what.setId("no-access-explanation");
        Paragraph idLabel = new Paragraph(getTranslation("no-access.object-id"));
        idLabel.addClassNames(LumoUtility.Margin.Bottom.NONE, LumoUtility.FontSize.SMALL);
        Code objectId = new Code(user.objectId().toString());
        objectId.setId("no-access-object-id");
        Button signOut = new Button(getTranslation("layout.sign-out"), VaadinIcon.SIGN_OUT.create(),
                click -> authenticationContext.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        layout.add(title, who, what, idLabel, objectId, signOut);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Someone who does have access belongs in the application, not here.
        if (currentUser.get().map(SignedInUser::isApplicationUser).orElse(false)) {
            event.forwardTo("");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("no-access.title");
    }
}
