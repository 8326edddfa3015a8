package com.custodian.base.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.function.SerializableRunnable;

/**
 * The strip above a view's content: a short description of the page on the left, the page's
 * actions in the upper right, where IoT Central's administrators look for them.
 * <p>
 * The actions are light ({@link MarkupButton}s), and one click listener on the strip serves them
 * all: a Vaadin {@link Button} with its icon and its own listeners costs a session about 3.5 KB, an
 * action here a third of that, on a page a session may keep open all day. Other components (a
 * download link) sit among the actions as given.
 */
@Uses(Button.class)
@Uses(Icon.class)
@Tag("div")
public final class ViewToolbar extends Component {

    /** What the strip's click listener asks the browser: which action, if any, was clicked. */
    public static final String CLICKED = "(event.target.closest('vaadin-button[data-action]') || {}).id";
    /** Only clicks on an action reach the server, not those between them. */
    public static final String ON_AN_ACTION = "event.target.closest('vaadin-button[data-action]') != null";

    private final Element actions = new Element("div");
    private final List<MarkupButton> listening = new ArrayList<>();

    public ViewToolbar(String description, Component... components) {
        getElement().setAttribute("class", "custodian-view-toolbar");
        // Wraps rather than squeezing the description: with many actions they move below it, still right-aligned.
        getElement().appendChild(new Element("p").setText(description), actions);
        actions.setAttribute("class", "custodian-view-actions");
        add(components);
    }

    /** Components that are not light actions: a download link, a button that opens a menu. */
    public ViewToolbar add(Component... components) {
        for (Component component : components) {
            actions.appendChild(component.getElement());
        }
        return this;
    }

    /** A new action at the end of the strip, doing {@code onClick} when clicked while enabled and shown. */
    public MarkupButton action(String id, VaadinIcon icon, String text, SerializableRunnable onClick) {
        if (listening.isEmpty()) {
            actions.addEventListener("click", event -> clicked(event.getEventData().path(CLICKED).asString("")))
                    .addEventData(CLICKED).setFilter(ON_AN_ACTION);
        }
        MarkupButton action = new MarkupButton(id, icon, text, onClick);
        action.getElement().setAttribute("data-action", "");
        listening.add(action);
        actions.appendChild(action.getElement());
        return action;
    }

    private void clicked(String id) {
        listening.stream().filter(action -> id.equals(action.getId().orElse(null))).findFirst().ifPresent(MarkupButton::click);
    }
}
