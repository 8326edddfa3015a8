package com.custodian.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
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
        // Wraps rather than squeezing the description: with many actions they move below it, still right-aligned.
        layout.setWrap(true);
        Paragraph text = new Paragraph(description);
        text.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        text.getStyle().set("flex", "1 1 22rem");
        HorizontalLayout buttons = new HorizontalLayout(actions);
        buttons.setWrap(true);
        buttons.setAlignItems(FlexComponent.Alignment.CENTER);
        buttons.setJustifyContentMode(FlexComponent.JustifyContentMode.END);
        buttons.getStyle().set("margin-inline-start", "auto");
        layout.add(text, buttons);
    }
}
