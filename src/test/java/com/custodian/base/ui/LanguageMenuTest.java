package com.custodian.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.i18n.Languages;
import com.custodian.base.personaldata.Holding;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.Discovery;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;
import com.custodian.security.Identity;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

/**
 * The language menu: a choice is remembered for the person by object ID and applies to their next
 * page; without one, the browser's languages decide. The choice is the person's data: found,
 * exported and erased with the rest of it.
 */
class LanguageMenuTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LanguageSelection selection;
    @Autowired
    DirectoryService directory;
    @Autowired
    DataRequestsService requests;

    private Long erin;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from language_preference");
        jdbc.update("delete from data_request");
        if (erin != null) {
            jdbc.update("delete from app_user where id = ?", erin);
        }
    }

    @Test
    void aChoiceInTheUserMenuIsRememberedAndUsedForTheNextPage() {
        signInAs(SignIn.OPERATOR);
        UI.getCurrent().navigate("devices");
        MarkupButton userMenu = _get(MarkupButton.class, spec -> spec.withId("user-menu"));
        assertThat(userMenu.getText()).isEqualTo(SignIn.OPERATOR);
        assertThat(userMenu.getAriaLabel()).hasValueSatisfying(label -> assertThat(label).contains(SignIn.OPERATOR));

        var menu = _get(MainLayout.class).accountMenu.makeItems();
        ContextMenuKt._clickItemWithID(menu, "language-de");

        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.GERMAN);
        assertThat(jdbc.queryForObject("select language from language_preference where object_id = ?", String.class,
                operatorId().toString())).isEqualTo("de");

        // A new page of a new session: the choice is asked of the database, not of the browser.
        VaadinSession.getCurrent().setAttribute(LanguageSelection.CHOSEN, null);
        assertThat(selection.languageFor(UI.getCurrent())).isEqualTo(Locale.GERMAN);
    }

    @Test
    void nobodyChoosesForSomeoneElseOrWhileSignedOut() {
        com.custodian.testsupport.SignIn.out();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getBean(
                com.custodian.base.i18n.LanguageMemory.class).remember(Locale.GERMAN))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from language_preference", Long.class)).isZero();
    }

    @Test
    void withoutAChoiceTheBrowsersFirstSupportedLanguageDecides() {
        assertThat(Languages.best(java.util.List.of(Locale.forLanguageTag("ja"), Locale.forLanguageTag("fr-CH"),
                Locale.GERMAN))).isEqualTo(Locale.FRENCH);
        assertThat(Languages.best(java.util.List.of(Locale.forLanguageTag("ja")))).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.forFormatting(Locale.GERMAN, java.util.List.of(Locale.forLanguageTag("de-AT"))))
                .isEqualTo(Locale.forLanguageTag("de-AT"));
        assertThat(Languages.forFormatting(Locale.ENGLISH, java.util.List.of(Locale.forLanguageTag("de-AT"))))
                .isEqualTo(Locale.ENGLISH);
        assertThat(Languages.supported("xx")).isEmpty();
        assertThat(Languages.supported("fr-CA")).contains(Locale.FRENCH);
    }

    @Test
    void theChoiceIsThePersonsDataFoundAndErasedWithTheRest() {
        UUID erinId = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        erin = new TestUsers(context).add(new Identity(directory.tenantId(), erinId), BuiltInRole.APP_OPERATOR);
        signInAs("erin@contoso.test");
        UI.getCurrent().navigate("devices");
        selection.choose(UI.getCurrent(), Locale.FRENCH);

        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        Discovery found = requests.discover(request.id());
        Holding preferences = found.holdings().stream().filter(holding -> holding.category().equals("preferences"))
                .findFirst().orElseThrow();
        assertThat(preferences.records()).isEqualTo(1);
        assertThat(preferences.details().getFirst().arguments()).contains("Français");

        RequestRow erased = requests.erase(request.id(), requests.request(request.id()).version());
        assertThat(erased.receipt()).contains("\"languagePreferences\" : 1");
        assertThat(jdbc.queryForObject("select count(*) from language_preference", Long.class)).isZero();
        erin = null;
    }

    private UUID operatorId() {
        return directory.findPeopleByEmail(SignIn.OPERATOR).getFirst().objectId();
    }
}
