package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.custodian.testsupport.TestDatabase;

/**
 * The application is stopped (SIGTERM) right after a rule fired, with its alert email waiting,
 * being sent or just sent, and started again: the email goes exactly once.
 */
@ExtendWith(RunningApp.class)
class RestartJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void anAlertEmailWaitingAtAStopGoesExactlyOnceAfterTheRestart() throws Exception {
        String key;
        try (Browser browser = new Browser(app, "restart")) {
            browser.signIn("builder@contoso.test").go("/alert-rules");
            browser.click("new-rule").type("rule-name", "Restart test").pick("condition-field-0", "temperature")
                    .type("condition-threshold-0", "100").type("rule-recipients", "builder@contoso.test")
                    .click("save-rule");
            browser.awaitGridText("rules-grid", "Restart test");
            browser.go("/devices").click("new-device").type("new-device-id", "restart-01")
                    .type("new-device-name", "Restart sensor").pick("new-device-template", "Environmental sensor")
                    .click("new-device-create");
            key = browser.until(driver -> {
                String value = browser.byId("device-key").getDomProperty("value");
                return value == null || value.isBlank() ? null : value;
            });
        }
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.url("/api/devices/restart-01/telemetry")))
                .header("Authorization", "DeviceKey " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"temperature\": 150}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);

        app.restart();

        long rule = single("select id from alert_rule where name = 'Restart test'");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (single("select count(*) from alert_email where rule_id = " + rule + " and status = 'SENT'") == 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(single("select count(*) from alert_email where rule_id = " + rule)).as("one email").isEqualTo(1);
        assertThat(single("select count(*) from alert_email where rule_id = " + rule + " and status = 'SENT'"))
                .as("sent").isEqualTo(1);
        assertThat(single("select count(*) from system_log where event = 'alert.email.sent' and (detail like "
                + "'%\"ruleId\":" + rule + ",%' or detail like '%\"ruleId\":" + rule + "}')")).as("sent exactly once")
                .isEqualTo(1);
    }

    private static long single(String sql) throws Exception {
        TestDatabase.Settings database = TestDatabase.settings();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
