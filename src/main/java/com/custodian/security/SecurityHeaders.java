package com.custodian.security;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every response, set before anything else runs: the sign-in page is
 * served by Vaadin outside Spring Security's filter chain, so the chain's header writers alone
 * would miss it. A Content Security Policy, a Referrer-Policy, a Permissions-Policy and nosniff;
 * Spring Security adds its own on the rest (no caching of pages, {@code X-Frame-Options: DENY},
 * HSTS on HTTPS requests).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {

    /** For the JSON APIs and the devices' endpoint: nothing of a response may run or be framed. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private final String pagePolicy;

    SecurityHeaders(Environment environment) {
        this.pagePolicy = pagePolicy(environment.getProperty("custodian.entra.authority-host",
                "https://login.microsoftonline.com").replaceAll("/+$", ""));
    }

    /**
     * For the pages. Vaadin 25.2 starts its client engine with an inline script and runs the
     * server's JavaScript by constructing functions, so {@code script-src} needs 'unsafe-inline'
     * and 'unsafe-eval' and {@code style-src} 'unsafe-inline'; everything else is this origin's
     * only (charts are {@code data:} images). Forms may post here and to the Entra sign-in host
     * (signing out continues there).
     */
    static String pagePolicy(String entraHost) {
        return "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                + "form-action 'self' " + entraHost;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        response.setHeader("Content-Security-Policy", api ? API_POLICY : pagePolicy);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (request.isSecure()) {
            // Over HTTPS (directly or as the proxy says): browsers keep to HTTPS for a year.
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        chain.doFilter(request, response);
    }
}
