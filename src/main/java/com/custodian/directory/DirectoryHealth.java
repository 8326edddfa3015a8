package com.custodian.directory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The identity directory in the health report: {@code DEGRADED} while its last answer was a
 * failure. Passive (it asks the directory nothing), so a health check never adds load to Microsoft
 * Graph; not part of readiness, because pages work on without it.
 */
@Component("directoryHealthIndicator")
class DirectoryHealth implements HealthIndicator {

    /** Working with less; a 200, never out of service (the status order in application.properties). */
    static final Status DEGRADED = new Status("DEGRADED");

    private final DirectoryService directory;

    DirectoryHealth(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    public Health health() {
        return directory.unavailableSince()
                .map(since -> Health.status(DEGRADED).withDetail("unavailableSince", since.toString())
                        .build())
                .orElseGet(() -> Health.up().build());
    }
}
