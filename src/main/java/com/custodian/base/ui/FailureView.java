package com.custodian.base.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown, inside the application's frame, when opening a page failed unexpectedly: what to do next,
 * never the exception. The operator's log has the cause.
 */
@PermitAll
@ParentLayout(MainLayout.class)
public final class FailureView extends Composite<VerticalLayout> implements HasErrorParameter<Exception>,
        HasDynamicTitle {

    private static final Logger log = LoggerFactory.getLogger(FailureView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        log.error("Opening {} failed", com.custodian.security.LogSafe.of(event.getLocation().getPath()),
                parameter.getCaughtException());
        VerticalLayout layout = getContent();
        layout.removeAll();
        layout.setId("failure");
        layout.addClassNames("custodian-error-view");
        layout.add(new H2(getTranslation("error-page.failed.title")),
                new Paragraph(getTranslation("error-page.failed.text")),
                new Anchor("", getTranslation("error-page.back")));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error-page.failed.title");
    }
}
