package com.custodian.devices;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.custodian.systemlog.SystemLog;

/**
 * Refused telemetry in the system log, without letting whoever sends it write a row per request:
 * the first refusal of a path and status in a minute is recorded at once ({@code device.rejected});
 * the ones after it are counted and recorded as one row when the minute ends ({@code repeated}).
 * At most {@link #MAX_TRACKED} paths are tracked a minute; refusals of further paths are counted
 * together, so neither the rows nor the memory grow with the number of device IDs a caller makes up.
 */
@Component
class RejectionLog {

    static final int MAX_TRACKED = 1000;
    static final String OTHER_PATHS = "(other paths)";

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);

    private final SystemLog systemLog;
    /** Path and status → refusals after the first, this minute. */
    private final Map<String, AtomicLong> repeated = new ConcurrentHashMap<>();

    RejectionLog(SystemLog systemLog) {
        this.systemLog = systemLog;
    }

    void refused(String path, int status) {
        String key = status + " " + path;
        AtomicLong counted = repeated.get(key);
        if (counted != null) {
            counted.incrementAndGet();
            return;
        }
        if (repeated.size() >= MAX_TRACKED) {
            repeated.computeIfAbsent(status + " " + OTHER_PATHS, other -> new AtomicLong()).incrementAndGet();
            return;
        }
        if (repeated.putIfAbsent(key, new AtomicLong()) == null) {
            record(path, status, Map.of());
        } else {
            repeated.get(key).incrementAndGet();
        }
    }

    /** The minute's repeated refusals, a row per path and status; then a new minute begins. */
    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void summarise() {
        for (String key : List.copyOf(repeated.keySet())) {
            AtomicLong counted = repeated.remove(key);
            if (counted != null && counted.get() > 0) {
                int space = key.indexOf(' ');
                record(key.substring(space + 1), Integer.parseInt(key.substring(0, space)),
                        Map.of("repeated", counted.get(), "within", Duration.ofMinutes(1).toString()));
            }
        }
    }

    private void record(String path, int status, Map<String, Object> more) {
        try {
            Map<String, Object> fields = new java.util.HashMap<>(more);
            fields.put("path", path);
            fields.put("status", status);
            systemLog.record("device.rejected", fields);
        } catch (RuntimeException e) {
            log.warn("Recording a refused telemetry request: {}", e.toString());
        }
    }
}
