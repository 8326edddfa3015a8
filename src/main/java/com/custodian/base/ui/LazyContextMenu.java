package com.custodian.base.ui;

import java.io.Serializable;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.dom.DomListenerRegistration;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;

/**
 * A menu that opens on a click of its target, made when it first opens: until then a page holds
 * no menu at all (a {@link ContextMenu} not yet shown costs a session several kilobytes even without
 * items), only a listener on the target. The browser's part of a context menu asks the server before
 * every opening anyway; the first time, that question makes the menu, which then opens where the
 * person clicked, one round trip later.
 */
public final class LazyContextMenu implements Serializable {

    /** What the browser's context-menu connector asks before opening a menu on its target. */
    private static final String BEFORE_OPEN = "vaadin-context-menu-before-open";

    private final Component target;
    private final SerializableConsumer<ContextMenu> items;
    private final Registration attach;
    private final DomListenerRegistration firstOpening;
    private ContextMenu menu;

    public LazyContextMenu(Component target, SerializableConsumer<ContextMenu> items) {
        this.target = target;
        this.items = items;
        target.getUI().ifPresent(this::listenForClicks);
        // A new element in the browser on every attach: it must listen again.
        attach = target.addAttachListener(event -> listenForClicks(event.getUI()));
        firstOpening = target.getElement().addEventListener(BEFORE_OPEN, event -> openFirstTime());
    }

    /** What a context menu has the target's browser element do: ask before opening on a click. */
    private void listenForClicks(UI ui) {
        ui.getInternals().addComponentDependencies(ContextMenu.class);
        target.getElement().executeJs("window.Vaadin.Flow.contextMenuTargetConnector.init(this);"
                + "this.$contextMenuTargetConnector.updateOpenOn('click');");
    }

    public boolean isMade() {
        return menu != null;
    }

    /** The menu with its items, made now if not yet made (the first opening does it). */
    public ContextMenu makeItems() {
        if (menu == null) {
            attach.remove();
            firstOpening.remove();
            menu = new ContextMenu();
            menu.setOpenOnClick(true);
            menu.setTarget(target);
            items.accept(menu);
        }
        return menu;
    }

    private void openFirstTime() {
        makeItems();
        // The question went to this listener, which is gone now: the browser asks the menu itself, and it
        // opens at the click the connector kept.
        target.getElement().executeJs("this.dispatchEvent(new CustomEvent($0, {detail: {}}))", BEFORE_OPEN);
    }
}
