package com.custodian.users.ui;

import com.custodian.users.UsersException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The notifications the users pages show: what happened, or why it did not. */
final class Notifications {

    private Notifications() {
    }

    static String message(Component view, UsersException refusal) {
        return view.getTranslation(refusal.problem().messageKey(), refusal.arguments());
    }

    static void refused(Component view, UsersException refusal) {
        error(message(view, refusal));
    }

    static void error(String text) {
        Notification notification = Notification.show(text, 8000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void done(String text) {
        Notification notification = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
