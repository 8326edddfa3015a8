package com.custodian.base.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown, inside the application's frame, for an address the console does not serve, or an item
 * (a device, a request) that does not exist or is not the viewer's to see. It names no route and
 * no internal detail.
 */
@PermitAll
@ParentLayout(MainLayout.class)
public final class NotFoundView extends Composite<VerticalLayout> implements HasErrorParameter<NotFoundException>,
        HasDynamicTitle {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        VerticalLayout layout = getContent();
        layout.removeAll();
        layout.setId("not-found");
        layout.addClassNames("custodian-error-view");
        // A page's own reason (already translated, "There is no device X") says more than the general one.
        layout.add(new H2(getTranslation("error-page.not-found.title")),
                new Paragraph(parameter.hasCustomMessage() ? parameter.getCustomMessage()
                        : getTranslation("error-page.not-found.text")),
                new Anchor("", getTranslation("error-page.back")));
        return HttpServletResponse.SC_NOT_FOUND;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error-page.not-found.title");
    }
}
