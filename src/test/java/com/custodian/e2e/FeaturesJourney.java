package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A builder creates an alert rule (bad recipients first) and a device whose telemetry shows in its
 * chart; an administrator answers an erasure request end to end.
 */
@ExtendWith(RunningApp.class)
class FeaturesJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void builderCreatesARuleWithBadThenGoodRecipients() throws Exception {
        try (Browser browser = new Browser(app, "rules")) {
            browser.signIn("builder@contoso.test").go("/alert-rules");
            browser.click("new-rule").type("rule-name", "Lobby too warm")
                    .pick("condition-field-0", "temperature").type("condition-threshold-0", "28")
                    .type("rule-recipients", "ops@contoso.test\nnot an address").click("save-rule");
            browser.until(driver -> browser.byId("rule-recipients").getDomAttribute("invalid") != null);
            assertThat(browser.byId("rule-recipients").getText()).contains("not an address");
            browser.screenshot("alert-editor");
            browser.type("rule-recipients", "builder@contoso.test, operator@contoso.test").click("save-rule");
            assertThat(browser.awaitGridText("rules-grid", "Lobby too warm")).contains("temperature");
            browser.screenshot("alert-rules");
            browser.go("/alert-recipients");
            browser.awaitGridText("recipients-grid", "operator@contoso.test");
            browser.screenshot("alert-recipients");
        }
    }

    @Test
    void builderCreatesADeviceAndSeesItsTelemetryCharted() throws Exception {
        try (Browser browser = new Browser(app, "devices")) {
            browser.signIn("builder@contoso.test").go("/devices");
            browser.click("new-device").type("new-device-id", "freezer-e2e-01").type("new-device-name", "Test freezer")
                    .pick("new-device-template", "Environmental sensor").click("new-device-create");
            String key = browser.until(driver -> {
                String value = browser.byId("device-key").getDomProperty("value");
                return value == null || value.isBlank() ? null : value;
            });
            browser.click("device-key-done");
            HttpClient http = HttpClient.newHttpClient();
            Instant now = Instant.now();
            for (int minutesAgo = 3; minutesAgo >= 1; minutesAgo--) {
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(
                        app.url("/api/devices/freezer-e2e-01/telemetry")))
                        .header("Authorization", "DeviceKey " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"timestamp\":\"" + now.minusSeconds(60L * minutesAgo)
                                + "\",\"temperature\":" + (-18 - minutesAgo) + ",\"humidity\":40}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            }
            browser.go("/devices/freezer-e2e-01");
            // The default run's simulator may have sent it values too.
            String chart = browser.byId("chart-temperature").getDomAttribute("alt");
            assertThat(chart).matches("Chart of temperature: \\d+ values in the last 24 hours");
            assertThat(Integer.parseInt(chart.replaceAll("\\D", ""))).isGreaterThanOrEqualTo(3);
            assertThat(browser.text()).contains("Test freezer", "-19");
            browser.screenshot("device-detail");
        }
    }

    @Test
    void administratorAnswersAnErasureRequestEndToEnd() throws Exception {
        try (Browser browser = new Browser(app, "erasure")) {
            browser.signIn("admin@contoso.test").go("/users");
            browser.click("assign-user").type("assign-identifier", "frank@contoso.test").check("assign-roles", "App Operator")
                    .click("assign-confirm");
            browser.awaitGridText("users-grid", "frank@contoso.test");

            browser.go("/data-requests").click("new-request-button").pick("new-request-type", "Erasure")
                    .type("request-subject", "frank@contoso.test")
                    .click("open-request");
            browser.until(driver -> browser.path().matches("/data-requests/\\d+"));
            assertThat(browser.awaitText("frank@contoso.test")).contains("users");
            browser.screenshot("request-detail");
            browser.click("erase-request");
            assertThat(browser.awaitText("Erase everything about the subject?")).contains("frank@contoso.test");
            browser.screenshot("request-erase");
            browser.confirm("confirm-erase-request");
            browser.awaitText("Erased. The request is completed and keeps its receipt.");
            browser.screenshot("erasure-receipt");

            browser.go("/users");
            browser.awaitGridText("users-grid", "admin@contoso.test");
            assertThat(browser.gridText("users-grid")).doesNotContain("frank@contoso.test");
        }
    }
}
