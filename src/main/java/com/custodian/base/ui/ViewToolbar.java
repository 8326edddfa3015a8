package com.custodian.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * The strip above a view's content: a short description of the page on the left, the page's
 * actions in the upper right, where IoT Central's administrators look for them.
 */
public final class ViewToolbar extends Composite<HorizontalLayout> {

    public ViewToolbar(String description, Component... actions) {
        HorizontalLayout layout = getContent();
        layout.setWidthFull();
        layout.setAlignItems(FlexComponent.Alignment.CENTER);
        layout.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM, LumoUtility.Padding.Top.SMALL,
                "custodian-view-toolbar");
        Paragraph text = new Paragraph(description);
        text.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        Div spacer = new Div();
        layout.add(text);
        layout.addAndExpand(spacer);
        layout.add(actions);
    }
}
