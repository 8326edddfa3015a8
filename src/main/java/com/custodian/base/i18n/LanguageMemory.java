package com.custodian.base.i18n;

import java.util.Locale;
import java.util.Optional;

/**
 * Remembers the console language the signed-in person chose, so it follows them to every browser
 * and device. A feature that stores it implements this; the frame of every page uses it.
 */
public interface LanguageMemory {

    /** The language the signed-in person chose, if they chose one (and anyone is signed in). */
    Optional<Locale> remembered();

    /** Remembers a supported language for the signed-in person. */
    void remember(Locale language);

    /** Forgets the signed-in person's choice: their browser decides again. */
    void forget();
}
