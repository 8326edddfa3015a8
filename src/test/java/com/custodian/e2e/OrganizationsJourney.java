package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administrator adds an organization under Berlin on the Organizations page, is told Berlin
 * cannot be deleted (it holds a device and now an organization), moves the lobby sensor from
 * Seattle to Berlin on the Devices page, finds it under Berlin's filter, and the move in the audit
 * trail.
 */
@ExtendWith(RunningApp.class)
class OrganizationsJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void addAnOrganizationMoveADeviceAndFindItThere() throws Exception {
        try (Browser browser = new Browser(app, "organizations")) {
            browser.signIn("admin@contoso.test").go("/organizations");
            assertThat(browser.awaitGridText("organizations-tree", "Berlin")).contains("Whole application", "Seattle");
            browser.rowAction("organizations-tree", "Berlin", "Add an organization under Berlin");
            browser.type("organization-name", "Berlin Mitte").type("organization-description", "Shop floor")
                    .click("organization-save");
            browser.awaitNotification("Berlin Mitte was saved.");
            assertThat(browser.awaitGridText("organizations-tree", "Berlin Mitte")).contains("Shop floor");

            browser.rowAction("organizations-tree", "European sales office", "Delete Berlin");
            assertThat(browser.awaitText("Berlin still holds")).contains("1 organization below it, 1 device")
                    .contains("Berlin cannot be deleted yet");
            browser.screenshot("organizations");

            browser.go("/devices").selectRow("devices-grid", "sensor-lobby-01").click("move-devices")
                    .pick("move-devices-organization", "Berlin").click("move-devices-confirm");
            browser.awaitNotification("1 device moved to Berlin.");
            browser.pick("devices-organization", "Berlin");
            browser.until(driver -> browser.gridText("devices-grid").contains("sensor-lobby-01"));
            assertThat(browser.gridText("devices-grid")).contains("sensor-warehouse-02").doesNotContain("vending-hq-01");
            browser.screenshot("devices-by-organization");

            browser.go("/audit-trail");
            assertThat(browser.awaitGridText("audit-grid", "Device moved to another organization"))
                    .contains("Organization created");
        }
    }
}
