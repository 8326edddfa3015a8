package com.custodian.base.i18n;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The language of what the application writes for nobody in particular, such as alert emails:
 * {@code custodian.language} ({@code CUSTODIAN_LANGUAGE}), read once at start. English when it names
 * no supported language.
 */
@Component
public class ApplicationLanguage {

    private static final Logger log = LoggerFactory.getLogger(ApplicationLanguage.class);

    private final Locale language;

    ApplicationLanguage(@Value("${custodian.language:en}") String tag) {
        this.language = Languages.supported(tag).orElseGet(() -> {
            log.warn("custodian.language={} is not a supported language ({}); using English", tag,
                    Languages.SUPPORTED.stream().map(Locale::toLanguageTag).toList());
            return Languages.ENGLISH;
        });
    }

    public Locale locale() {
        return language;
    }
}
