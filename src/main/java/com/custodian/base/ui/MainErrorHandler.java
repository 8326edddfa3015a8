package com.custodian.base.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * Shows an unexpected error as a notification, so the page stays usable, and logs it for the
 * service operator. The user sees no stack trace and no internal detail.
 */
@Configuration
class MainErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(MainErrorHandler.class);

    @Bean
    VaadinServiceInitListener errorHandlerInitializer() {
        return (ServiceInitEvent event) -> event.getSource().addSessionInitListener(
                sessionInit -> sessionInit.getSession().setErrorHandler((ErrorHandler) errorEvent -> {
                    log.error("Unexpected error in the user interface", errorEvent.getThrowable());
                    UI ui = UI.getCurrent();
                    if (ui != null) {
                        ui.access(() -> {
                            Notification notification = new Notification(ui.getTranslation("error.unexpected"),
                                    8000, Notification.Position.TOP_CENTER);
                            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
                            notification.open();
                        });
                    }
                }));
    }
}
