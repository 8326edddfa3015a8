package com.custodian.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.function.SerializableConsumer;

import tools.jackson.databind.node.ObjectNode;

/**
 * A menu that opens on a click of its target and makes its items when it first opens: a page
 * holds no menu items (and no download registrations) for menus nobody opens. The browser asks
 * the server before every opening anyway, so the items arrive with that answer.
 */
public final class LazyContextMenu extends ContextMenu {

    private final SerializableConsumer<ContextMenu> items;
    private boolean made;

    public LazyContextMenu(Component target, SerializableConsumer<ContextMenu> items) {
        super(target);
        this.items = items;
        setOpenOnClick(true);
    }

    /** Makes the items now, if not yet made (the first opening does it). */
    public LazyContextMenu makeItems() {
        if (!made) {
            made = true;
            items.accept(this);
        }
        return this;
    }

    @Override
    protected boolean onBeforeOpenMenu(ObjectNode eventDetail) {
        makeItems();
        return super.onBeforeOpenMenu(eventDetail);
    }
}
