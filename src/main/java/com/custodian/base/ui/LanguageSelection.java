package com.custodian.base.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.custodian.base.i18n.LanguageMemory;
import com.custodian.base.i18n.Languages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;

/**
 * Chooses the language of every new page: the one the signed-in person chose in the user menu,
 * else the first of their browser's languages the console speaks, else English. The choice is
 * asked of the database once per session (and again after a new choice), not per page.
 */
@Component
public class LanguageSelection implements VaadinServiceInitListener {

    static final String CHOSEN = LanguageSelection.class.getName() + ".chosen";
    static final String REQUESTED = LanguageSelection.class.getName() + ".requested";

    private final ObjectProvider<LanguageMemory> memory;
    private final com.custodian.base.i18n.Translations translations;

    LanguageSelection(ObjectProvider<LanguageMemory> memory, com.custodian.base.i18n.Translations translations) {
        this.memory = memory;
        this.translations = translations;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().setLocale(languageFor(init.getUI())));
        // Vaadin's own messages (an internal error, cookies off, a page out of sync) in the page's language.
        event.getSource().setSystemMessagesProvider(info -> systemMessages(
                info.getLocale() == null ? Languages.ENGLISH : Languages.best(List.of(info.getLocale()))));
    }

    com.vaadin.flow.server.CustomizedSystemMessages systemMessages(Locale language) {
        var messages = new com.vaadin.flow.server.CustomizedSystemMessages();
        // A session ended (idle, too old, an account disabled): straight to the page that says so.
        messages.setSessionExpiredURL("session-ended");
        messages.setSessionExpiredNotificationEnabled(false);
        messages.setSessionExpiredCaption(translations.text(language, "system.session-expired.title"));
        messages.setSessionExpiredMessage(translations.text(language, "system.session-expired.text"));
        messages.setInternalErrorCaption(translations.text(language, "system.internal-error.title"));
        messages.setInternalErrorMessage(translations.text(language, "system.internal-error.text"));
        messages.setCookiesDisabledCaption(translations.text(language, "system.cookies-disabled.title"));
        messages.setCookiesDisabledMessage(translations.text(language, "system.cookies-disabled.text"));
        messages.setSyncErrorCaption(translations.text(language, "system.sync-error.title"));
        messages.setSyncErrorMessage(translations.text(language, "system.sync-error.text"));
        return messages;
    }

    Locale languageFor(UI ui) {
        VaadinSession session = ui.getSession();
        VaadinRequest request = VaadinService.getCurrentRequest();
        List<Locale> requested = request == null ? List.of() : Collections.list(request.getLocales());
        session.setAttribute(REQUESTED, new ArrayList<>(requested));
        Object cached = session.getAttribute(CHOSEN);
        if (cached instanceof Choice choice && choice.signedIn() == signedIn()) {
            return choice.language() != null ? choice.language() : Languages.best(requested);
        }
        Optional<Locale> remembered = signedIn() ? memory.stream().findFirst().flatMap(LanguageMemory::remembered)
                : Optional.empty();
        session.setAttribute(CHOSEN, new Choice(signedIn(), remembered.orElse(null)));
        return remembered.orElseGet(() -> Languages.best(requested));
    }

    /** The person's choice: remembered for them, used at once, and the page drawn again in it. */
    public void choose(UI ui, Locale language) {
        memory.stream().findFirst().ifPresent(store -> store.remember(language));
        ui.getSession().setAttribute(CHOSEN, new Choice(true, language));
        ui.setLocale(language);
        ui.getPage().reload();
    }

    /** Back to the browser's languages: the person's choice is forgotten. */
    public void followBrowser(UI ui) {
        memory.stream().findFirst().ifPresent(LanguageMemory::forget);
        ui.getSession().setAttribute(CHOSEN, new Choice(true, null));
        ui.setLocale(Languages.best(requested(ui.getSession())));
        ui.getPage().reload();
    }

    /** The browser's languages, in its order of preference, as the page was opened with. */
    @SuppressWarnings("unchecked")
    static List<Locale> requested(VaadinSession session) {
        Object requested = session == null ? null : session.getAttribute(REQUESTED);
        return requested instanceof List<?> list ? (List<Locale>) list : List.of();
    }

    private static boolean signedIn() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    /** What a session chose: a language, or none (null) to follow the browser. */
    private record Choice(boolean signedIn, Locale language) implements java.io.Serializable {
    }
}
