package com.custodian.alerts;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alert email delivery: SMTP when {@code smtp.host} is set, else {@code .eml} files in the outbox
 * directory (the default run). {@code emailInterval} is the least time between two emails of a
 * rule; firings in between are summarised in the next one.
 */
@ConfigurationProperties("custodian.alerts")
public record AlertsProperties(Smtp smtp, String from, Path outboxDirectory, String publicUrl, Duration emailInterval) {

    public record Smtp(String host, int port, String user, String password, boolean starttls) {

        boolean configured() {
            return host != null && !host.isBlank();
        }
    }
}
