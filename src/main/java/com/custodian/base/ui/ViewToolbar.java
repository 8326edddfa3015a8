package com.custodian.base.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasTheme;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.function.SerializableRunnable;

/**
 * The strip above a view's content: a short description of the page on the left, the page's
 * actions in the upper right, where IoT Central's administrators look for them.
 * <p>
 * The actions are light: each is the browser's button element with its icon and label as markup,
 * and one click listener on the strip serves them all. A Vaadin {@link Button} with its icon costs a
 * session about 3.5 KB (its listeners, the icon's component, the label's text node); an action
 * here costs a fifth of that, on a page a session may keep open all day. Other components (a
 * download link, a button with a menu) sit among the actions as given.
 */
@Uses(Button.class)
@Uses(Icon.class)
@Tag("div")
public final class ViewToolbar extends Component {

    /** What the strip's click listener asks the browser: which action, if any, was clicked. */
    static final String CLICKED = "(event.target.closest('vaadin-button[data-action]') || {}).id";
    /** Only clicks on an action reach the server, not those between them. */
    static final String ON_AN_ACTION = "event.target.closest('vaadin-button[data-action]') != null";

    private final Element actions = new Element("div");
    private final List<Action> listening = new ArrayList<>();

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
    public Action action(String id, VaadinIcon icon, String text, SerializableRunnable onClick) {
        if (listening.isEmpty()) {
            actions.addEventListener("click", event -> clicked(event.getEventData().path(CLICKED).asString("")))
                    .addEventData(CLICKED).setFilter(ON_AN_ACTION);
        }
        Action action = new Action(id, icon, text, onClick);
        listening.add(action);
        actions.appendChild(action.getElement());
        return action;
    }

    private void clicked(String id) {
        listening.stream().filter(action -> id.equals(action.getId().orElse(null))).findFirst().ifPresent(Action::click);
    }

    /**
     * One action: a {@code vaadin-button} whose content is its icon and label as markup. The browser
     * draws and focuses it as any button; the strip hears its clicks.
     */
    @Tag("vaadin-button")
    public static final class Action extends Component implements HasEnabled, HasTheme {

        private final String icon;
        private final SerializableRunnable onClick;
        private String text;

        private Action(String id, VaadinIcon icon, String text, SerializableRunnable onClick) {
            this.icon = "vaadin:" + icon.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            this.onClick = onClick;
            setId(id);
            getElement().setAttribute("data-action", "");
            setText(text);
        }

        public String getText() {
            return text;
        }

        public Action setText(String text) {
            this.text = text;
            getElement().setProperty("innerHTML", "<vaadin-icon icon=\"" + icon + "\" slot=\"prefix\"></vaadin-icon>"
                    + Markup.escape(text));
            return this;
        }

        public Action addThemeVariants(ButtonVariant... variants) {
            for (ButtonVariant variant : variants) {
                addThemeName(variant.getVariantName());
            }
            return this;
        }

        /** What a click in the browser does: the action, unless it is disabled or hidden. */
        public void click() {
            if (onClick != null && isEnabled() && isVisible()) {
                onClick.run();
            }
        }
    }
}
