package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A German browser gets the console in German from the sign-in page on, dates included; the
 * person's choice in the user menu switches the language at once and follows them to their next
 * sign-in, whatever their browser asks for.
 */
@ExtendWith(RunningApp.class)
class LanguageJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void aGermanBrowserSeesGermanAndAChoiceInTheUserMenuIsRemembered() throws Exception {
        try (Browser german = new Browser(app, "language-german", "de-DE,de;q=0.9,en;q=0.5")) {
            german.go("/login");
            assertThat(german.text()).contains("Anmelden").doesNotContain("Sign in with");
            german.screenshot("language-sign-in-de");
            german.signIn("operator@contoso.test").go("/devices");
            assertThat(menu(german)).contains("Geräte", "Warnungsregeln", "Mein Zugriff");
            assertThat(german.text()).contains("Die Geräte, die Telemetrie senden");
            assertThat(german.gridText("devices-grid")).as("dates as German writes them")
                    .containsPattern("\\d{2}\\.\\d{2}\\.\\d{4}");
            german.screenshot("language-devices-de");

            german.click("user-menu");
            german.clickText("vaadin-context-menu-item", "Sprache");
            german.click("language-fr");
            german.until(driver -> menu(german).contains("Appareils"));
            assertThat(german.text()).contains("Les appareils qui envoient de la télémétrie");
            assertThat(german.gridText("devices-grid")).as("dates as French writes them")
                    .containsPattern("\\d{1,2} \\p{L}+\\.? \\d{4}");
            german.screenshot("language-devices-fr");
        }
        try (Browser german = new Browser(app, "language-german-again", "de-DE,de;q=0.9")) {
            german.signIn("operator@contoso.test").go("/devices");
            assertThat(menu(german)).as("the choice follows the person").contains("Appareils");
            // Back to the browser's language for the journeys that follow.
            german.click("user-menu");
            german.clickText("vaadin-context-menu-item", "Langue");
            german.click("language-en");
            german.until(driver -> menu(german).contains("Devices"));
        }
    }

    private static List<String> menu(Browser browser) {
        return browser.driver().findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText)
                .map(text -> text.lines().findFirst().orElse("").strip()).toList();
    }
}
