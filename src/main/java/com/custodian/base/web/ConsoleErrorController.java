package com.custodian.base.web;

import java.util.Collections;
import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Every request the server refuses or fails outside the console's pages ends here, instead of a
 * framework's default page: a browser gets the console's error page, a program a small JSON body
 * with the status alone. Neither ever carries an exception, a message of the server or a stack.
 * A status of 500 or above stays what it is (the operator's log has the cause).
 */
@Controller
class ConsoleErrorController implements ErrorController {

    private final ErrorPage page;

    ConsoleErrorController(ErrorPage page) {
        this.page = page;
    }

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        int status = status(request);
        if (status == HttpStatus.FORBIDDEN.value() && signedIn() && !aPageOf(request)) {
            // The console's own refusal of an address no page has: to someone signed in, say what it is.
            status = HttpStatus.NOT_FOUND.value();
        }
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .body(page.html(status, Collections.list(request.getLocales()), request.getContextPath() + "/"));
    }

    @RequestMapping(path = "${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> body(HttpServletRequest request) {
        int status = status(request);
        HttpStatus known = HttpStatus.resolve(status);
        return ResponseEntity.status(status).header("Cache-Control", "no-store")
                .body(Map.of("status", status, "error", known == null ? "Error" : known.getReasonPhrase()));
    }

    private static boolean signedIn() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    /** Whether the refused address is one of the console's pages. */
    private static boolean aPageOf(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String path)) {
            return true;
        }
        String route = path.substring(Math.min(path.length(), request.getContextPath().length())).replaceAll("^/+", "");
        try {
            return com.vaadin.flow.server.startup.ApplicationRouteRegistry
                    .getInstance(new com.vaadin.flow.server.VaadinServletContext(request.getServletContext()))
                    .getNavigationRouteTarget(route).hasTarget();
        } catch (RuntimeException unknown) {
            return true; // when in doubt, the refusal stands as it is
        }
    }

    private static int status(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (status instanceof Integer code && code >= 400 && code <= 599) {
            return code;
        }
        // Reached directly (GET /error): there is no error to show, so nothing here.
        return HttpStatus.NOT_FOUND.value();
    }
}
