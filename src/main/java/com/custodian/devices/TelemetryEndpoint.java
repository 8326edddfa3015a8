package com.custodian.devices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.UriUtils;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/devices/{deviceId}/telemetry}, with {@code Authorization: DeviceKey <key>}.
 * Answers 202 with the number of values stored, or a 4xx with a message naming the problem (503
 * when the request should be sent again).
 *
 * <p>A filter ahead of Spring Security's and Spring MVC's, not a controller: this is the busiest
 * address by far, and their work for it (a chain of a dozen security filters, handler mapping,
 * argument resolution, message conversion) cost more CPU than reading and checking the request.
 * Neither has anything to add: a device has no session, no CSRF token and no sign-in; its key is
 * checked by {@link TelemetryIngestion}. The headers every answer carries are set before it, by
 * the security headers filter; request metrics ({@code http.server.requests}) still count it.
 */
class TelemetryEndpoint extends HttpFilter {

    static final String SCHEME = "DeviceKey ";
    static final String PATTERN = "/api/devices/{deviceId}/telemetry";
    private static final String PREFIX = "/api/devices/";
    private static final String SUFFIX = "/telemetry";

    private final TelemetryIngestion ingestion;
    private final RejectionLog rejections;
    private final JsonMapper json = JsonMapper.builder().build();

    TelemetryEndpoint(TelemetryIngestion ingestion, RejectionLog rejections) {
        this.ingestion = ingestion;
        this.rejections = rejections;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String encodedDeviceId = deviceIdIn(request);
        if (encodedDeviceId == null) {
            chain.doFilter(request, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATTERN));
        response.setHeader("Cache-Control", "no-store");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            answer(response, 405, Map.of("status", 405, "error", "Telemetry is sent with POST"));
            return;
        }
        try {
            String authorization = request.getHeader("Authorization");
            String key = authorization != null && authorization.startsWith(SCHEME)
                    ? authorization.substring(SCHEME.length()).strip() : null;
            byte[] body = readAtMost(request.getInputStream(), TelemetryIngestion.MAX_BODY_BYTES + 1);
            int stored = ingestion.ingest(decoded(encodedDeviceId), key, body);
            answer(response, 202, Map.of("stored", stored));
        } catch (IngestionException refusal) {
            rejections.refused(request.getRequestURI(), refusal.status(), request.getRemoteAddr());
            if (refusal.status() == 401) {
                response.setHeader("WWW-Authenticate", "DeviceKey");
            }
            if (refusal.status() == 503) {
                response.setHeader("Retry-After", "1");
            }
            answer(response, refusal.status(), Map.of("status", refusal.status(), "error", refusal.getMessage()));
        } catch (TransientDataAccessException busy) {
            // The database asked for a retry (a lock it could not grant in time): so does the answer.
            response.setHeader("Retry-After", "1");
            answer(response, 503, Map.of("status", 503, "error", "Busy; nothing was stored. Send the request again."));
        } catch (DataAccessException | TransactionException away) {
            // The database failed in the middle (its node was lost, the connection broke, a rollback
            // could not reach it): the commit may or may not have happened, and a resend is harmless
            // either way (a stored value is kept, not doubled). A device's input cannot cause a
            // database error: it is checked before anything is written.
            response.setHeader("Retry-After", "1");
            answer(response, 503, Map.of("status", 503, "error", "The database did not confirm the commit. Send the "
                    + "request again: values already stored are not stored twice."));
        }
    }

    /** The still encoded device ID when the request is for this endpoint, else null. */
    private static String deviceIdIn(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int start = request.getContextPath().length();
        if (!uri.startsWith(PREFIX, start) || !uri.endsWith(SUFFIX)) {
            return null;
        }
        int from = start + PREFIX.length();
        int to = uri.length() - SUFFIX.length();
        if (to <= from || uri.indexOf('/', from) != to) {
            return null;
        }
        return uri.substring(from, to);
    }

    /** The device ID as sent; one no device can have (bad encoding, parameters, slashes) stays unknown. */
    private static String decoded(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        try {
            return UriUtils.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    private void answer(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Reads no more than the limit: a huge body is refused without being held in memory. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** After the security headers and request metrics, before Spring Security's filters. */
        @Bean
        FilterRegistrationBean<TelemetryEndpoint> telemetryEndpoint(TelemetryIngestion ingestion,
                RejectionLog rejections) {
            FilterRegistrationBean<TelemetryEndpoint> registration =
                    new FilterRegistrationBean<>(new TelemetryEndpoint(ingestion, rejections));
            registration.addUrlPatterns("/api/devices/*");
            registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
            return registration;
        }
    }
}
