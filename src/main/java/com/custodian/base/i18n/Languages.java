package com.custodian.base.i18n;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the console speaks, and how a person's language is chosen from what their browser
 * asks for. English is the fallback and the language of the bundle every other one completes.
 */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale GERMAN = Locale.GERMAN;
    public static final Locale FRENCH = Locale.FRENCH;

    /** In the order the language menu lists them. */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, GERMAN, FRENCH);

    private Languages() {
    }

    /** The supported language of this tag ("de", "de-AT", "fr-CH"), if any. */
    public static Optional<Locale> supported(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst();
    }

    /**
     * The first supported language among the browser's, in the browser's order of preference (the
     * request's locales are already sorted by their q-values); English when none is supported.
     */
    public static Locale best(Collection<Locale> requested) {
        for (Locale locale : requested) {
            Optional<Locale> match = supported(locale.toLanguageTag());
            if (match.isPresent()) {
                return match.get();
            }
        }
        return ENGLISH;
    }

    /**
     * The locale to format dates and numbers with: the browser's own (de-AT, en-GB, fr-CH) when it
     * speaks the chosen language, so regional conventions stay; the language alone otherwise.
     */
    public static Locale forFormatting(Locale language, Collection<Locale> requested) {
        for (Locale locale : requested) {
            if (locale.getLanguage().equals(language.getLanguage()) && !locale.getCountry().isEmpty()) {
                return locale;
            }
        }
        return language;
    }

    /** The name of a language in that language, as the language menu shows it. */
    public static String nativeName(Locale language) {
        String name = language.getDisplayLanguage(language);
        return name.isEmpty() ? language.toLanguageTag() : name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }

    static List<Locale> requestedOf(java.util.Enumeration<Locale> locales) {
        List<Locale> list = new ArrayList<>();
        while (locales != null && locales.hasMoreElements()) {
            list.add(locales.nextElement());
        }
        return list;
    }
}
