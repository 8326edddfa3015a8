package com.custodian.base.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.HasTheme;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.function.SerializableRunnable;

/**
 * A button that is only the browser's {@code vaadin-button} element, its icon and label given as
 * markup: one element for the session to keep, where a {@link Button} keeps its icon's component,
 * its label's text node and its own click listeners. It hears no clicks itself: a strip holding
 * several listens for them all ({@link ViewToolbar}), a menu opens on it, or a view that shows one
 * alone adds a listener to its element that calls {@link #click()}.
 */
@Uses(Button.class)
@Uses(Icon.class)
@Tag("vaadin-button")
public final class MarkupButton extends Component implements HasEnabled, HasTheme, HasStyle, HasAriaLabel {

    private final String icon;
    private final SerializableRunnable onClick;
    private String text;
    private String suffixIcon;

    /**
     * @param icon the icon before the label, or null for none
     * @param onClick what a click does; null for a button that only opens a menu
     */
    public MarkupButton(String id, VaadinIcon icon, String text, SerializableRunnable onClick) {
        this.icon = icon == null ? null : name(icon);
        this.onClick = onClick;
        setId(id);
        setText(text);
    }

    private static String name(VaadinIcon icon) {
        return "vaadin:" + icon.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String getText() {
        return text;
    }

    public MarkupButton setText(String text) {
        this.text = java.util.Objects.requireNonNullElse(text, "");
        getElement().setProperty("innerHTML", (icon == null ? ""
                : "<vaadin-icon icon=\"" + icon + "\" slot=\"prefix\"></vaadin-icon>") + Markup.escape(this.text) + (suffixIcon == null ? ""
                        : "<vaadin-icon icon=\"" + suffixIcon + "\" slot=\"suffix\"></vaadin-icon>"));
        return this;
    }

    /** An icon after the label, as a menu's button shows one. */
    public MarkupButton setSuffixIcon(VaadinIcon suffix) {
        this.suffixIcon = name(suffix);
        return setText(text);
    }

    public MarkupButton addThemeVariants(ButtonVariant... variants) {
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
