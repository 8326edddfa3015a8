package com.custodian.users;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.LanguageMemory;
import com.custodian.base.i18n.Languages;
import com.custodian.security.CurrentUser;
import com.custodian.security.Identity;

/**
 * The console language each person chose, remembered by their object ID so that it follows them to
 * every browser. A person removed from the application takes theirs along.
 */
@Service
public class LanguagePreferences implements LanguageMemory {

    private final LanguagePreferenceRepository preferences;
    private final CurrentUser currentUser;
    private final Clock clock;

    LanguagePreferences(LanguagePreferenceRepository preferences, CurrentUser currentUser, Clock clock) {
        this.preferences = preferences;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Locale> remembered() {
        return currentUser.get().flatMap(user -> preferences.findById(key(user.identity())))
                .flatMap(preference -> Languages.supported(preference.getLanguage()));
    }

    /** Anyone signed in may choose their own language; no permission is needed, nobody else's is touched. */
    @Override
    @Transactional
    public void remember(Locale language) {
        Locale supported = Languages.supported(language == null ? null : language.toLanguageTag())
                .orElseThrow(() -> new IllegalArgumentException("Not a language of the console: " + language));
        Identity identity = currentUser.require().identity();
        preferences.findById(key(identity)).ifPresentOrElse(
                preference -> preference.choose(supported.getLanguage(), clock.instant()),
                () -> preferences.save(new LanguagePreference(identity.tenantId(), identity.objectId(),
                        supported.getLanguage(), clock.instant())));
    }

    @Override
    @Transactional
    public void forget() {
        Identity identity = currentUser.require().identity();
        preferences.deleteById(key(identity));
    }

    /** Removed from the application: their choice goes with them, in the same transaction. */
    @EventListener
    void on(UsersRemoved removed) {
        if (!removed.identities().isEmpty()) {
            preferences.deleteByObjectIds(removed.identities().stream().map(Identity::objectId).toList());
        }
    }

    private static LanguagePreference.Key key(Identity identity) {
        return new LanguagePreference.Key(identity.tenantId(), identity.objectId());
    }
}
