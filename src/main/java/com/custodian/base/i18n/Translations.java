package com.custodian.base.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

/**
 * The console's texts, from {@code vaadin-i18n/translations*.properties} (UTF-8). Vaadin uses this
 * bean for every {@code getTranslation} of a view; services use it for what they write outside a
 * page (emails, the export's README), in the language they are given.
 * <p>
 * A key a language lacks falls back to English, never to the server's default locale (a server
 * set to German would otherwise answer English speakers in German).
 */
@Component
public class Translations implements I18NProvider {

    static final String BUNDLE = "vaadin-i18n.translations";
    private static final Logger log = LoggerFactory.getLogger(Translations.class);
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return Languages.SUPPORTED;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        if (key == null) {
            return "";
        }
        ResourceBundle bundle = bundle(locale == null ? Languages.ENGLISH : locale);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException missing) {
            log.warn("No text for the key {}", key);
            return key;
        }
        if (params == null || params.length == 0) {
            return pattern;
        }
        Locale language = locale == null ? Languages.ENGLISH : locale;
        Object[] values = params.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Text text) {
                values[i] = getTranslation(text.key(), language, text.argumentArray());
            }
        }
        return new MessageFormat(pattern, language).format(values);
    }

    /** The text of a key in a language, with its arguments; English where the language lacks it. */
    public String text(Locale language, String key, Object... arguments) {
        return getTranslation(key, language, arguments);
    }

    /** A service's text in a language. */
    public String text(Locale language, Text text) {
        return getTranslation(text.key(), language, text.argumentArray());
    }

    /**
     * A text in English, for what is not shown to a person in their language: exception messages
     * for logs and the REST API. Needs no bean, so exceptions can build their message themselves.
     */
    public static String english(Text text) {
        return IN_ENGLISH.text(Languages.ENGLISH, text);
    }

    private static final Translations IN_ENGLISH = new Translations();

    /** Whether any bundle has this key. */
    public boolean has(String key) {
        return bundle(Languages.ENGLISH).containsKey(key);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Translations.class.getClassLoader(), NO_DEFAULT_LOCALE);
    }
}
