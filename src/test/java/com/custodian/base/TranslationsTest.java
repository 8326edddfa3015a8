package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.custodian.security.Permission;

/** Every text the code asks for exists in the English bundle, so no page shows a raw key. */
class TranslationsTest {

    private static final Pattern LITERAL_KEY = Pattern.compile("getTranslation\\(\\s*\"([^\"]+)\"");
    private static final Pattern MENU_TITLE = Pattern.compile("@Menu\\([^)]*title\\s*=\\s*\"([^\"]+)\"");
    /** Texts services hand out: Text.of("key", ...), Text.joined("key", ...), and text("key", ...) helpers. */
    private static final Pattern TEXT_KEY = Pattern.compile(
            "(?:Text\\.of|Text\\.joined|\\btext)\\(\\s*\"([a-z][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+\\.?)\"");
    /** A personal-data category: its name for people is requests.category.<category, spaces as hyphens>. */
    private static final Pattern CATEGORY = Pattern.compile("static final String CATEGORY = \"([^\"]+)\"");
    private static final Pattern TERNARY_KEYS = Pattern.compile("\\?\\s*\"([a-z][a-z0-9.-]+)\"\\s*:\\s*\"([a-z][a-z0-9.-]+)\"");

    @Test
    void everyKeyUsedInTheCodeIsTranslated() throws IOException {
        Properties english = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/vaadin-i18n/translations.properties")) {
            english.load(in);
        }
        Set<String> used = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                collect(LITERAL_KEY.matcher(code), used, 1);
                collect(MENU_TITLE.matcher(code), used, 1);
                collect(TEXT_KEY.matcher(code), used, 1);
                Matcher category = CATEGORY.matcher(code);
                while (category.find()) {
                    used.add(com.custodian.base.personaldata.Holding.categoryName(category.group(1)).key());
                }
                Matcher ternary = TERNARY_KEYS.matcher(code);
                while (ternary.find()) {
                    if (ternary.group(1).contains(".") && ternary.group(2).contains(".")) {
                        used.add(ternary.group(1));
                        used.add(ternary.group(2));
                    }
                }
            }
        }
        for (Permission permission : Permission.values()) {
            used.add(permission.labelKey());
        }
        // Keys built from a prefix and an enum constant: the prefix alone is no key.
        used.removeIf(key -> key.endsWith("."));
        for (com.custodian.devices.FieldType type : com.custodian.devices.FieldType.values()) {
            used.add("templates.type." + type.name());
        }
        for (com.custodian.devices.DevicesProblem problem : com.custodian.devices.DevicesProblem.values()) {
            used.add(problem.messageKey());
        }
        for (com.custodian.users.UsersProblem problem : com.custodian.users.UsersProblem.values()) {
            used.add(problem.messageKey());
        }
        for (com.custodian.requests.DataRequestProblem problem : com.custodian.requests.DataRequestProblem.values()) {
            used.add(problem.messageKey());
        }
        for (com.custodian.alerts.Aggregation aggregation : com.custodian.alerts.Aggregation.values()) {
            used.add("alerts.summary.window." + aggregation.name());
        }
        for (com.custodian.requests.RequestType type : com.custodian.requests.RequestType.values()) {
            used.add("requests.type." + type.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (com.custodian.requests.RequestStatus status : com.custodian.requests.RequestStatus.values()) {
            used.add("requests.status." + status.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(used).as("the services' texts are collected too")
                .contains("alerts.email.why", "requests.holding.device", "alerts.problem.name-missing", "list.pair",
                        "requests.category.audit-trail", "requests.problem.NOT_FOUND");
        assertThat(used).allSatisfy(key -> assertThat(english).as("translation of " + key).containsKey(key));
    }

    private static void collect(Matcher matcher, Set<String> into, int group) {
        while (matcher.find()) {
            into.add(matcher.group(group));
        }
    }
}
