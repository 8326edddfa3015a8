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

    static final String CONCURRENT_WRITE = "error.concurrentWrite";

    /**
     * What the person is told. A transaction that lost to another writing the same rows at the same
     * moment was rolled back whole: on one server a deadlock, on a Galera cluster also a commit that
     * lost certification to a write made through another node (MariaDB reports both as error 1213).
     * Trying again is safe, and the person is told so.
     */
    static String messageKey(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.dao.PessimisticLockingFailureException
                    || cause instanceof java.sql.SQLException sql && (sql.getErrorCode() == 1213
                            || sql.getErrorCode() == 1205)) {
                return CONCURRENT_WRITE;
            }
        }
        return "error.unexpected";
    }

    @Bean
    VaadinServiceInitListener errorHandlerInitializer() {
        return (ServiceInitEvent event) -> event.getSource().addSessionInitListener(
                sessionInit -> sessionInit.getSession().setErrorHandler((ErrorHandler) errorEvent -> {
                    String message = messageKey(errorEvent.getThrowable());
                    if (message.equals(CONCURRENT_WRITE)) {
                        log.warn("A change lost to another written at the same moment, and was rolled back: {}",
                                errorEvent.getThrowable().toString());
                    } else {
                        log.error("Unexpected error in the user interface", errorEvent.getThrowable());
                    }
                    UI ui = UI.getCurrent();
                    if (ui != null) {
                        ui.access(() -> {
                            Notification notification = new Notification(ui.getTranslation(message),
                                    8000, Notification.Position.TOP_CENTER);
                            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
                            notification.open();
                        });
                    }
                }));
    }
}
