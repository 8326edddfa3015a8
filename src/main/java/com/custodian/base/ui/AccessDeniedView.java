package com.custodian.base.ui;

import com.custodian.security.CurrentUser;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown, inside the application's frame, when someone opens a page their roles do not allow.
 */
@PermitAll
@ParentLayout(MainLayout.class)
public final class AccessDeniedView extends Composite<VerticalLayout> implements HasErrorParameter<AccessDeniedException>,
        HasDynamicTitle {

    private final CurrentUser currentUser;

    AccessDeniedView(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        if (!currentUser.get().map(SignedInUser::isApplicationUser).orElse(false)) {
            // Someone without any role learns that, and their object ID, on the "no access" page.
            event.forwardTo("no-access");
            return HttpServletResponse.SC_FORBIDDEN;
        }
        VerticalLayout layout = getContent();
        layout.removeAll();
        layout.setId("access-denied");
        layout.add(new H2(getTranslation("access-denied.title")),
                new Paragraph(getTranslation("access-denied.explanation")),
                new Anchor("my-access", getTranslation("access-denied.my-access")));
        return HttpServletResponse.SC_FORBIDDEN;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("access-denied.page-title");
    }
}
