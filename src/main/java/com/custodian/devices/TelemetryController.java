package com.custodian.devices;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/devices/{deviceId}/telemetry}, with {@code Authorization: DeviceKey <key>}.
 * Answers 202 with the number of values stored, or a 4xx with a message naming the problem.
 */
@RestController
class TelemetryController {

    static final String SCHEME = "DeviceKey ";

    private final TelemetryIngestion ingestion;
    private final RejectionLog rejections;

    TelemetryController(TelemetryIngestion ingestion, RejectionLog rejections) {
        this.ingestion = ingestion;
        this.rejections = rejections;
    }

    @PostMapping(path = "/api/devices/{deviceId}/telemetry", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@PathVariable String deviceId,
            @RequestHeader(name = "Authorization", required = false) String authorization, HttpServletRequest request)
            throws IOException {
        String key = authorization != null && authorization.startsWith(SCHEME)
                ? authorization.substring(SCHEME.length()).strip() : null;
        byte[] body = readAtMost(request.getInputStream(), TelemetryIngestion.MAX_BODY_BYTES + 1);
        int stored = ingestion.ingest(deviceId, key, body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("stored", stored));
    }

    @ExceptionHandler(IngestionException.class)
    ResponseEntity<Map<String, Object>> refused(IngestionException refusal, HttpServletRequest request) {
        rejections.refused(request.getRequestURI(), refusal.status(), request.getRemoteAddr());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status());
        if (refusal.status() == 401) {
            response.header("WWW-Authenticate", "DeviceKey");
        }
        if (refusal.status() == 503) {
            response.header("Retry-After", "1");
        }
        return response.contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", refusal.status(), "error", refusal.getMessage()));
    }

    /** The database asked for a retry (a lock it could not grant in time): so does the answer. */
    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<Map<String, Object>> busy(TransientDataAccessException busy) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 503, "error", "Busy; nothing was stored. Send the request again."));
    }

    /**
     * The database failed in the middle (its node was lost, the connection broke, a rollback could not
     * reach it): the commit may or may not have happened, and a resend is harmless either way (a
     * stored value is kept, not doubled). A device's input cannot cause a database error: it is
     * checked before anything is written.
     */
    @ExceptionHandler({ org.springframework.dao.DataAccessException.class,
            org.springframework.transaction.TransactionException.class })
    ResponseEntity<Map<String, Object>> databaseAway(RuntimeException away) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 503, "error", "The database did not confirm the commit. Send the request "
                        + "again: values already stored are not stored twice."));
    }

    /** Reads no more than the limit: a huge body is refused without being held in memory. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }
}
