package com.custodian.systemlog;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.custodian.directory.DirectoryAvailabilityChanged;

/**
 * Puts the directory's changes of availability in the system log: {@code directory.degraded} when
 * it starts failing (pages then show people as unavailable), {@code directory.recovered} when it
 * answers again. Each in a transaction of its own: it happened, whatever becomes of the change
 * that noticed it.
 */
@Component
class DirectoryAvailabilityLog {

    private static final Logger log = LoggerFactory.getLogger(DirectoryAvailabilityLog.class);

    private final SystemLog systemLog;

    DirectoryAvailabilityLog(SystemLog systemLog) {
        this.systemLog = systemLog;
    }

    @EventListener
    void on(DirectoryAvailabilityChanged change) {
        try {
            if (change.available()) {
                systemLog.recordOnItsOwn("directory.recovered", Map.of("operation", change.operation(),
                        "unavailableFor", Duration.between(change.since(), change.at()).toString()));
            } else {
                systemLog.recordOnItsOwn("directory.degraded", Map.of("operation", change.operation(),
                        "reason", String.valueOf(change.reason())));
            }
        } catch (RuntimeException e) {
            // The database may be what is failing; the page that noticed must still render.
            log.warn("Could not record the directory's change of availability: {}", e.toString());
        }
    }
}
