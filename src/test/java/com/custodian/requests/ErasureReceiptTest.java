package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** A receipt as the request's page reads it back from the JSON it keeps. */
class ErasureReceiptTest {

    @Test
    void everyKindOfRecordHasWordsInEveryLanguage() throws Exception {
        for (String bundle : List.of("translations.properties", "translations_de.properties",
                "translations_fr.properties")) {
            Properties words = new Properties();
            try (var in = getClass().getResourceAsStream("/vaadin-i18n/" + bundle);
                    var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                words.load(reader);
            }
            for (String kind : ErasureReceipt.KINDS) {
                assertThat(words).as(kind + " in " + bundle).containsKey("requests.receipt.count." + kind);
            }
        }
    }

    @Test
    void theCountsComeInTheOrderAPersonReadsThemWhateverTheJsonsOrder() {
        ErasureReceipt receipt = ErasureReceipt.of("""
                {"request": "DR-1", "erased": {"users": {"signInsThroughGroups": 0, "roleAssignments": 2, "users": 1,
                  "somethingNew": 4}, "devices": {"telemetryPoints": 10, "devices": 1}},
                 "notErased": ["System-generated logs"]}""");
        assertThat(receipt.erased().get("users").keySet())
                .containsExactly("users", "roleAssignments", "signInsThroughGroups", "somethingNew");
        assertThat(receipt.erased().get("devices")).containsEntry("telemetryPoints", 10L).containsEntry("devices", 1L);
        assertThat(receipt.notErased()).containsExactly("System-generated logs");
    }
}
