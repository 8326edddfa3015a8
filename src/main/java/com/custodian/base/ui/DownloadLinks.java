package com.custodian.base.ui;

import com.vaadin.flow.component.html.Anchor;

/**
 * Download links that can be inactive. A disabled {@link Anchor} loses its address, and an
 * {@code <a>} without one is no link at all to assistive technology: it must still be announced as
 * a link, by its name, and as unavailable.
 */
public final class DownloadLinks {

    private DownloadLinks() {
    }

    public static void enable(Anchor link, boolean enabled) {
        link.setEnabled(enabled);
        link.getElement().setAttribute("role", "link");
        link.getElement().setAttribute("aria-disabled", enabled ? "false" : "true");
    }
}
