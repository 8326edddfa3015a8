package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administrator assigns a person, changes their roles, deletes them with the confirm dialog,
 * exports the users as CSV, and finds the deletion in the audit trail under their own email.
 */
@ExtendWith(RunningApp.class)
class UsersJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void assignChangeDeleteExportAndAudit() throws Exception {
        try (Browser browser = new Browser(app, "users")) {
            browser.signIn("admin@contoso.test").go("/users");

            // Assign: a bad address first, then Erin as an App Operator.
            browser.click("assign-user").type("assign-identifier", "not an address").check("assign-roles", "App Operator")
                    .click("assign-confirm");
            browser.until(driver -> browser.byId("assign-identifier").getDomAttribute("invalid") != null);
            assertThat(browser.byId("assign-identifier").getText()).as("the field says what is wrong").isNotBlank();
            browser.type("assign-identifier", "erin@contoso.test").click("assign-confirm");
            assertThat(browser.awaitGridText("users-grid", "erin@contoso.test")).contains("App Operator");

            // Change roles in place.
            browser.rowAction("users-grid", "erin@contoso.test", "Change roles");
            browser.uncheck("change-roles", "App Operator").check("change-roles", "App Builder").click("change-roles-save");
            browser.until(driver -> browser.gridText("users-grid").contains("App Builder"));

            // Export every user as CSV: the file lists the administrator and Erin.
            browser.click("export-all-users");
            browser.clickText("vaadin-context-menu-item", "Download CSV");
            Path csv = browser.awaitDownload("custodian-users-.*\\.csv");
            browser.until(driver -> size(csv) > 0);
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertThat(lines.getFirst()).containsIgnoringCase("email");
            assertThat(String.join("\n", lines)).contains("admin@contoso.test", "erin@contoso.test");

            // Delete, confirmed in the dialog that names her.
            browser.rowAction("users-grid", "erin@contoso.test", "Delete");
            assertThat(browser.awaitText("Delete 1 user")).contains("erin@contoso.test");
            // Enter alone must not delete: the focus waits on Cancel, not on the red button.
            browser.until(driver -> "cancel-button".equals(browser.js(
                    "return document.activeElement && document.activeElement.getAttribute('slot')")));
            browser.screenshot("users-delete-confirmation");
            browser.confirm("confirm-delete");
            browser.awaitNotification("1 user was deleted.");
            browser.until(driver -> !browser.gridText("users-grid").contains("erin@contoso.test"));
            browser.screenshot("users");

            // The audit trail names the actor by their email, resolved at display.
            browser.go("/audit-trail");
            String trail = browser.awaitGridText("audit-grid", "User deleted");
            assertThat(trail).contains("admin@contoso.test", "Roles of a user changed", "User assigned");
            browser.screenshot("audit-trail");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
