package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * axe-core on every page and the main dialogs finds no serious or critical WCAG 2.1 A/AA violation
 * (icon-only buttons included, through its button-name rule), and a device can be created from the
 * keyboard alone.
 */
@ExtendWith(RunningApp.class)
class AccessibilityJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void everyPageAndDialogHasNoSeriousOrCriticalViolation() throws Exception {
        Map<String, List<String>> violations = new LinkedHashMap<>();
        try (Browser anonymous = new Browser(app, "a11y-anonymous")) {
            anonymous.go("/login");
            violations.put("/login", anonymous.seriousAccessibilityViolations());
        }
        try (Browser noRole = new Browser(app, "a11y-no-role")) {
            noRole.signIn("dana@contoso.test");
            violations.put("/no-access", noRole.seriousAccessibilityViolations());
        }
        try (Browser browser = new Browser(app, "a11y-admin")) {
            browser.signIn("admin@contoso.test");
            for (String page : List.of("/users", "/roles", "/organizations", "/devices", "/devices/sensor-lobby-01",
                    "/alert-rules", "/alert-recipients", "/data-requests", "/audit-trail", "/my-access")) {
                browser.go(page);
                violations.put(page, browser.seriousAccessibilityViolations());
                violations.put(page + " (controls sharing a name)", browser.controlsSharingAName());
            }
            browser.go("/users").click("assign-user");
            violations.put("/users: assign user", browser.seriousAccessibilityViolations());
            browser.go("/users").click("assign-group");
            violations.put("/users: assign group", browser.seriousAccessibilityViolations());
            browser.go("/organizations").click("add-organization");
            violations.put("/organizations: add", browser.seriousAccessibilityViolations());
            browser.go("/roles").click("new-role");
            violations.put("/roles: new role", browser.seriousAccessibilityViolations());
            browser.go("/alert-rules").click("new-rule");
            violations.put("/alert-rules: new rule", browser.seriousAccessibilityViolations());
            browser.go("/devices").click("new-device");
            violations.put("/devices: new device", browser.seriousAccessibilityViolations());
            browser.go("/data-requests").click("new-request-button");
            violations.put("/data-requests: new request", browser.seriousAccessibilityViolations());
            browser.pick("new-request-type", "Access").type("request-subject", "sensor-warehouse-02").click("open-request");
            browser.until(driver -> browser.path().matches("/data-requests/\\d+"));
            violations.put("/data-requests/{id}", browser.seriousAccessibilityViolations());
        }
        violations.values().removeIf(List::isEmpty);
        assertThat(violations).as("serious and critical accessibility violations by page").isEmpty();
    }

    @Test
    void aDeviceCanBeCreatedFromTheKeyboardAlone() throws Exception {
        try (Browser browser = new Browser(app, "keyboard")) {
            browser.signIn("builder@contoso.test").go("/devices");
            WebElement newDevice = browser.byId("new-device");
            tabUntil(browser, newDevice);
            keys(browser, Keys.ENTER);
            browser.byId("new-device-id");
            // The dialog opens with the first field focused.
            keys(browser, "keyboard-01", Keys.TAB, "Keyboard sensor", Keys.TAB);
            // Arrow down opens the template select; Enter picks the first template and only picks it.
            keys(browser, Keys.ARROW_DOWN);
            keys(browser, Keys.ENTER);
            assertThat(browser.byId("new-device-template").getDomProperty("value")).isNotBlank();
            assertThat(browser.byId("new-device-id").isDisplayed()).as("still open").isTrue();
            // Back in a text field, Enter creates the device.
            new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            keys(browser, Keys.ENTER);
            browser.byId("device-key");
            browser.screenshot("keyboard-device-key");
            tabUntil(browser, browser.byId("device-key-done"));
            keys(browser, Keys.ENTER);
            assertThat(browser.awaitGridText("devices-grid", "keyboard-01")).contains("Keyboard sensor");
        }
    }

    @Test
    void aUsersRolesAreOpenedFromTheKeyboardAlone() throws Exception {
        try (Browser browser = new Browser(app, "keyboard-users")) {
            browser.signIn("admin@contoso.test").go("/users");
            browser.awaitGridText("users-grid", "operator@contoso.test");
            tabUntil(browser, browser.byId("users-grid"));
            if (focusedRowText(browser).contains("Last sign-in")) {
                keys(browser, Keys.TAB);  // from the header row into the rows
            }
            // Down the rows to the operator's, End to its actions, Enter into the cell, Enter on its first button.
            for (int i = 0; i < 20 && !focusedRowText(browser).contains("operator@contoso.test"); i++) {
                keys(browser, Keys.ARROW_DOWN);
            }
            assertThat(focusedRowText(browser)).contains("operator@contoso.test");
            keys(browser, Keys.END);
            keys(browser, Keys.ENTER);
            assertThat(browser.js("return document.activeElement.getAttribute('aria-label')"))
                    .isEqualTo("Change roles of operator@contoso.test");
            keys(browser, Keys.ENTER);
            assertThat(browser.awaitText("Roles of operator@contoso.test")).contains("App Operator");
            browser.screenshot("keyboard-change-roles");
            keys(browser, Keys.ESCAPE);
        }
    }

    /** The text of the grid row holding the focused cell (the grid keeps its focus in its shadow root). */
    private static String focusedRowText(Browser browser) {
        return String.valueOf(browser.js("""
                const cell = document.getElementById('users-grid').shadowRoot.activeElement;
                if (!cell || !cell.parentElement) return '';
                let text = '';
                for (const slot of cell.parentElement.querySelectorAll('slot')) {
                    for (const content of slot.assignedElements()) text += ' ' + content.textContent;
                }
                return text;"""));
    }

    /** Presses Tab until the element (or something inside it) has the focus; fails after 40 presses. */
    private static void tabUntil(Browser browser, WebElement target) {
        for (int i = 0; i < 40; i++) {
            if (Boolean.TRUE.equals(browser.js("const a = document.activeElement; return a === arguments[0] "
                    + "|| arguments[0].contains(a)", target))) {
                return;
            }
            keys(browser, Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target.getDomAttribute("id"));
    }

    private static void keys(Browser browser, CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
        browser.settle();
    }
}
