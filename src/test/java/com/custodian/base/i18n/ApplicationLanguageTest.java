package com.custodian.base.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The application's language: a supported one as configured, else English; texts inside texts are translated too. */
class ApplicationLanguageTest {

    @Test
    void aSupportedLanguageIsTakenAndAnythingElseIsEnglish() {
        assertThat(new ApplicationLanguage("de").locale()).isEqualTo(Languages.GERMAN);
        assertThat(new ApplicationLanguage("fr-CH").locale()).isEqualTo(Languages.FRENCH);
        assertThat(new ApplicationLanguage("en").locale()).isEqualTo(Languages.ENGLISH);
        for (String unsupported : new String[] {"", "  ", "xx", "es", "not a language tag at all, far too long to be one"}) {
            assertThat(new ApplicationLanguage(unsupported).locale()).as(unsupported).isEqualTo(Languages.ENGLISH);
        }
    }

    @Test
    void textsGivenAsArgumentsAreTranslatedInTheSameLanguage() {
        Text conditions = (Text) Text.joined("alerts.summary.and", List.of("a > 1", "b < 2", "c = 3"));
        assertThat(Translations.english(Text.of("alerts.summary.window.AVERAGE", conditions, 10)))
                .isEqualTo("a > 1 and b < 2 and c = 3 (average over 10 min)");
        assertThat(Text.joined("list.pair", List.of())).isEqualTo("");
        assertThat(Text.joined("list.pair", List.of("one"))).isEqualTo("one");
    }
}
