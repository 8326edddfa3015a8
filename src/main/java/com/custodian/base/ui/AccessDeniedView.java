package com.custodian.base.ui;

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

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
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
