package com.custodian.security.ui;

import com.custodian.security.CurrentUser;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;

import jakarta.annotation.security.PermitAll;

/**
 * The address everyone lands on after sign-in: it sends each person to the first page their roles
 * open, or to the "no access" page when they hold no role.
 */
@Route(value = "", autoLayout = false)
@PermitAll
public final class HomeView extends Div implements BeforeEnterObserver {

    private final CurrentUser currentUser;

    HomeView(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean applicationUser = currentUser.get().map(SignedInUser::isApplicationUser).orElse(false);
        if (!applicationUser) {
            event.forwardTo(NoAccessView.class);
            return;
        }
        MenuConfiguration.getMenuEntries().stream().findFirst().map(MenuEntry::path)
                .ifPresentOrElse(event::forwardTo, () -> event.forwardTo(MyAccessView.class));
    }
}
