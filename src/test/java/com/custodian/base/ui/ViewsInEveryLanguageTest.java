package com.custodian.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.devices.DevicesService;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestType;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;

/**
 * Each page, and the dialogs it opens, drawn in German and in French: no text of the page is a raw
 * key, and none is left in English (a text whose English differs from its translation).
 */
class ViewsInEveryLanguageTest extends AbstractViewTest {

    private static final Pattern RAW_KEY = Pattern.compile("^[a-z][a-z0-9-]*(\\.[A-Za-z0-9_-]+)+$");
    private static final List<String> SHOWN = List.of("text", "label", "placeholder", "aria-label", "title",
            "helperText", "helper-text", "errorMessage", "header", "headerText", "emptyStateText", "confirmText",
            "cancelText", "rejectText");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataRequestsService requests;
    @Autowired
    DevicesService devices;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
    }

    @ParameterizedTest
    @ValueSource(strings = { "de", "fr" })
    void everyPageAndDialogSpeaksTheLanguage(String language) throws IOException {
        Locale locale = Locale.forLanguageTag(language);
        Set<String> english = leftoversToLookFor(language);
        SignIn.as(context, SignIn.ADMIN);
        long request = requests.open(new NewRequest(RequestType.ERASURE, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", "")).id();
        String device = devices.listDevices("", 0, 1).getFirst().deviceId();
        signInAs(SignIn.ADMIN);
        UI.getCurrent().setLocale(locale);

        List<String> pages = List.of("users", "roles", "devices", "devices/" + device, "alert-rules",
                "alert-recipients", "data-requests", "data-requests/" + request, "audit-trail", "my-access");
        for (String page : pages) {
            UI.getCurrent().navigate(page);
            check(page, english);
        }
        // The audit trail's time range, made when asked for.
        UI.getCurrent().navigate("audit-trail");
        Element timeRange = com.github.mvysny.kaributesting.v10.LocatorJ._get(MarkupButton.class,
                spec -> spec.withId("audit-time-range")).getElement();
        timeRange.getNode().getFeature(com.vaadin.flow.internal.nodefeature.ElementListenerMap.class).fireEvent(
                new com.vaadin.flow.dom.DomEvent(timeRange, "click", tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(
                com.vaadin.flow.component.datetimepicker.DateTimePicker.class)).hasSize(2);
        check("audit-trail → time range", english);
        // The dialogs of the main actions.
        for (String[] pageAndButton : List.of(new String[] { "users", "assign-user" },
                new String[] { "users", "assign-service-principal" }, new String[] { "roles", "new-role" },
                new String[] { "devices", "new-device" }, new String[] { "devices", "new-template" },
                new String[] { "alert-rules", "new-rule" }, new String[] { "data-requests", "new-request-button" })) {
            UI.getCurrent().navigate(pageAndButton[0]);
            Toolbars.click(pageAndButton[1]);
            check(pageAndButton[0] + " → " + pageAndButton[1], english);
            com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip(false);
            UI.getCurrent().getChildren().filter(c -> c instanceof com.vaadin.flow.component.dialog.Dialog)
                    .forEach(dialog -> ((com.vaadin.flow.component.dialog.Dialog) dialog).close());
        }
    }

    private static void check(String where, Set<String> english) {
        List<String> texts = new ArrayList<>();
        com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip(false);
        collect(UI.getCurrent().getElement(), texts);
        // The rows as the grids show them: their cells are no elements of the page.
        com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.grid.Grid.class).forEach(grid -> {
            int rows = Math.min(5, com.github.mvysny.kaributesting.v10.GridKt._size(grid));
            for (int row = 0; row < rows; row++) {
                texts.addAll(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(grid, row));
            }
        });
        assertThat(texts).as("texts of %s", where).isNotEmpty();
        assertThat(texts).as("raw keys on %s", where).noneMatch(text -> RAW_KEY.matcher(text.strip()).matches());
        assertThat(texts).as("English left on %s", where).noneMatch(text -> english.contains(text.strip())
                || english.stream().anyMatch(phrase -> phrase.length() >= 10 && phrase.contains(" ")
                        && text.contains(phrase)));
    }

    private static void collect(Element element, List<String> into) {
        if (element.isTextNode()) {
            into.add(element.getText());
            return;
        }
        for (String name : SHOWN) {
            if (element.hasAttribute(name)) {
                into.add(element.getAttribute(name));
            }
            if (element.hasProperty(name) && element.getProperty(name) instanceof String value) {
                into.add(value);
            }
        }
        // Content drawn from markup (the drawer, the toolbar's actions): its text, as the browser shows it.
        if (element.getProperty("innerHTML") instanceof String markup) {
            for (String text : markup.split("<[^>]*>")) {
                if (!text.isBlank()) {
                    into.add(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                            .replace("&#39;", "'").replace("&amp;", "&"));
                }
            }
        }
        element.getChildren().forEach(child -> collect(child, into));
        element.getNode().getFeatureIfInitialized(com.vaadin.flow.internal.nodefeature.VirtualChildrenList.class)
                .ifPresent(virtual -> virtual.forEachChild(node -> collect(Element.get(node), into)));
    }

    /**
     * English texts without arguments whose translation differs: finding one on a translated page
     * means a text was not translated. Words that are the same in both ("Name", "Status") do not count.
     */
    private static Set<String> leftoversToLookFor(String language) throws IOException {
        Properties english = load("");
        Properties translated = load("_" + language);
        Set<String> leftovers = new LinkedHashSet<>();
        for (String key : english.stringPropertyNames()) {
            String value = english.getProperty(key);
            String translation = translated.getProperty(key, "");
            if (!value.contains("{")) {
                if (!value.equals(translation) && value.length() > 3) {
                    leftovers.add(value.strip());
                }
                continue;
            }
            // A text with arguments: its own words between the arguments must not show in English.
            for (String phrase : literalParts(value)) {
                if (phrase.length() >= 10 && phrase.contains(" ") && !translation.contains(phrase)) {
                    leftovers.add(phrase);
                }
            }
        }
        return leftovers;
    }

    /** The words of a pattern outside its arguments (and outside choice formats). */
    static List<String> literalParts(String pattern) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        for (char c : pattern.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    parts.add(part.toString().strip());
                    part.setLength(0);
                }
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && c != '\'') {
                part.append(c);
            }
        }
        parts.add(part.toString().strip());
        return parts.stream().filter(p -> !p.isEmpty()).toList();
    }

    private static Properties load(String suffix) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(ViewsInEveryLanguageTest.class.getResourceAsStream(
                "/vaadin-i18n/translations" + suffix + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
