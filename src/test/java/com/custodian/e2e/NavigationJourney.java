package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Each demo role signs in and finds in the menu exactly the pages its permissions open, and no other. */
@ExtendWith(RunningApp.class)
class NavigationJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void eachRoleSeesItsPagesAndIsRefusedTheOthers() throws Exception {
        assertMenu("admin@contoso.test", List.of("Users", "Roles", "Organizations", "Devices", "Alert rules", "Alert recipients",
                "Customer data requests", "Audit trail", "My access"), "navigation-administrator");
        assertMenu("builder@contoso.test", List.of("Devices", "Alert rules", "Alert recipients", "My access"),
                "navigation-builder");
        assertMenu("operator@contoso.test", List.of("Devices", "Alert rules", "Alert recipients", "My access"),
                "navigation-operator");
        try (Browser browser = new Browser(app, "navigation-no-role")) {
            browser.signIn("dana@contoso.test");
            assertThat(browser.path()).isEqualTo("/no-access");
            assertThat(browser.text()).contains("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04");
            browser.go("/users");
            assertThat(browser.path()).isNotEqualTo("/users");
            browser.screenshot("navigation-no-role");
        }
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        try (Browser browser = new Browser(app, "navigation-anonymous")) {
            for (String page : List.of("/users", "/devices", "/data-requests", "/audit-trail")) {
                browser.go(page);
                assertThat(browser.path()).as(page).isEqualTo("/login");
            }
        }
    }

    private void assertMenu(String email, List<String> expected, String screenshot) throws Exception {
        try (Browser browser = new Browser(app, screenshot)) {
            browser.signIn(email);
            List<String> menu = browser.driver().findElements(By.cssSelector("vaadin-side-nav-item")).stream()
                    .map(WebElement::getText).map(text -> text.lines().findFirst().orElse("").strip()).toList();
            assertThat(menu).as(email).containsExactlyElementsOf(expected);
            browser.screenshot(screenshot);
            if (!expected.contains("Users")) {
                browser.go("/users");
                assertThat(browser.text()).as(email + " on /users").doesNotContain("Assign user");
            }
        }
    }
}
