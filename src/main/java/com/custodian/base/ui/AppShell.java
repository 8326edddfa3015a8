package com.custodian.base.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;

/**
 * The page shell. Lumo, for its mature contrast and its utility classes; the application's own
 * style sheet is served as a static resource, so Vaadin's ready-made frontend bundle suffices.
 */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/custodian.css")
@Meta(name = "color-scheme", content = "light")
public class AppShell implements AppShellConfigurator {

    /**
     * The console's icon in the browser's tab, served with the style sheets. Pages that are not the
     * console's (an API's JSON, a download) make the browser ask for {@code /favicon.ico}: that one is a
     * static file too, so the request creates no session beside the one a page is opening.
     */
    @Override
    public void configurePage(com.vaadin.flow.server.AppShellSettings settings) {
        settings.addFavIcon("icon", "styles/favicon.svg", "any");
    }
}
