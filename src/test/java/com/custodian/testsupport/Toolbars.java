package com.custodian.testsupport;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;

import tools.jackson.databind.node.JsonNodeFactory;

/** A page's toolbar actions, clicked in a view test as the browser clicks them. */
public final class Toolbars {

    private Toolbars() {
    }

    /**
     * Clicks the shown action with this ID: fails, as a person could not click it, when it is disabled;
     * else sends its strip the click event the browser sends.
     */
    public static void click(String id) {
        MarkupButton action = _get(MarkupButton.class, spec -> spec.withId(id));
        if (!action.isEnabled()) {
            throw new IllegalStateException("The action " + id + " is disabled");
        }
        Element strip = action.getElement().getParent();
        strip.getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(strip, "click",
                JsonNodeFactory.instance.objectNode().put(ViewToolbar.CLICKED, id).put(ViewToolbar.ON_AN_ACTION, true)));
    }
}
