package com.custodian.alerts;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The alert emails in the health report: {@code DEGRADED} while any waiting email has failed to
 * go (the mail server refusing or unreachable), with the counts. It does not connect to the mail
 * server itself, and it is not part of readiness: emails wait and are retried, nothing is lost.
 */
@Component("alertEmailsHealthIndicator")
class AlertOutboxHealth implements HealthIndicator {

    /** Working with less; a 200, never out of service (the status order in application.properties). */
    static final Status DEGRADED = new Status("DEGRADED");

    private final AlertOutbox outbox;

    AlertOutboxHealth(AlertOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Health health() {
        AlertOutbox.Backlog backlog = outbox.backlog();
        Health.Builder health = backlog.failing() > 0 ? Health.status(DEGRADED) : Health.up();
        health.withDetail("pending", backlog.pending()).withDetail("failing", backlog.failing());
        if (backlog.oldestPendingSince() != null) {
            health.withDetail("oldestPendingSince", backlog.oldestPendingSince().toString());
        }
        return health.build();
    }
}
