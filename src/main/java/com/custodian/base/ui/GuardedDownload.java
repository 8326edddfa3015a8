package com.custodian.base.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;

import com.custodian.base.Refusal;
import com.custodian.base.web.ErrorPage;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A download that cannot be served (nothing prepared, already fetched, expired, erased meanwhile,
 * or no longer allowed) answers with the console's error page and tells the page why in a
 * notification, instead of a failed request with a stack behind it. Nothing is streamed before the
 * service has accepted the download, so the refusal can still replace the whole response.
 */
public final class GuardedDownload {

    private static final Logger log = LoggerFactory.getLogger(GuardedDownload.class);

    private GuardedDownload() {
    }

    /**
     * @param owner the component whose page is told
     * @param failureKey the translation key of what failed, e.g. "the export could not be downloaded"
     */
    public static DownloadHandler of(Component owner, String failureKey, DownloadHandler download) {
        return guarded(owner, failureKey, download);
    }

    /**
     * The link serves the download, guarded; and a click on it has the page ask the server for
     * news for a few seconds, so a refusal's notification shows at once rather than at the next
     * click (the download itself goes past the page).
     */
    public static void attach(com.vaadin.flow.component.html.Anchor link, String failureKey, DownloadHandler download) {
        link.setHref(guarded(link, failureKey, download));
        link.getElement().addEventListener("click", click -> link.getUI().ifPresent(GuardedDownload::listenAWhile));
    }

    private static void listenAWhile(UI ui) {
        if (ui.getPollInterval() > 0) {
            return; // the page polls already (an export being prepared)
        }
        ui.setPollInterval(1000);
        int[] polls = {0};
        com.vaadin.flow.shared.Registration[] registration = new com.vaadin.flow.shared.Registration[1];
        registration[0] = ui.addPollListener(poll -> {
            if (++polls[0] >= 5) {
                registration[0].remove();
                if (ui.getPollInterval() == 1000) {
                    ui.setPollInterval(-1);
                }
            }
        });
    }

    private static DownloadHandler guarded(Component owner, String failureKey, DownloadHandler download) {
        return event -> {
            try {
                download.handleDownloadRequest(event);
            } catch (RuntimeException | IOException failure) {
                refuse(owner, failureKey, event, failure);
            }
        };
    }

    private static void refuse(Component owner, String failureKey, DownloadEvent event, Exception failure) {
        if (clientLeft(failure)) {
            // The browser went away mid-download (a closed tab, a cancelled save): nobody to tell.
            log.debug("A download was abandoned by the client: {}", failure.toString());
            return;
        }
        int status = statusOf(failure);
        if (status >= 500) {
            log.error("A download failed", failure);
        } else {
            log.info("A download was refused: {}", failure.getClass().getSimpleName());
        }
        // Stream handlers run outside the UI: the language is the page's, asked of its UI.
        java.util.Locale language = event.getUI() != null ? event.getUI().getLocale()
                : com.custodian.base.i18n.Languages.ENGLISH;
        String message = errorPage(event).translations().text(language, failureKey);
        if (event.getResponse() instanceof VaadinServletResponse servletResponse) {
            HttpServletResponse response = servletResponse.getHttpServletResponse();
            if (!response.isCommitted()) {
                response.reset();
                response.setStatus(status);
                response.setContentType("text/html;charset=UTF-8");
                response.setHeader("Cache-Control", "no-store");
                try {
                    ErrorPage page = errorPage(event);
                    byte[] html = page.html(status, language, message,
                            event.getRequest().getContextPath() + "/").getBytes(StandardCharsets.UTF_8);
                    response.setContentLength(html.length);
                    response.getOutputStream().write(html);
                } catch (IOException | IllegalStateException gone) {
                    log.debug("The refusal could not be written: {}", gone.toString());
                }
            }
        }
        UI ui = event.getUI();
        if (ui != null) {
            ui.access(() -> {
                Notification notification = new Notification(message, 8000, Notification.Position.TOP_CENTER);
                notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
                notification.open();
            });
        }
    }

    /** Whether the failure is the client closing the connection rather than the server refusing. */
    static boolean clientLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (name.equals("ClientAbortException") || name.equals("EofException")
                    || (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    static int statusOf(Exception failure) {
        if (failure instanceof AccessDeniedException || failure instanceof AuthorizationDeniedException) {
            return HttpServletResponse.SC_FORBIDDEN;
        }
        if (failure instanceof Refusal) {
            return HttpServletResponse.SC_NOT_FOUND;
        }
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }

    private static ErrorPage errorPage(DownloadEvent event) {
        return event.getSession().getService().getInstantiator().getOrCreate(ErrorPage.class);
    }
}
