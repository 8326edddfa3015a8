package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The German and French bundles are complete and well-formed beside the English one: the same keys,
 * the same placeholders, every pattern formats in its language, and no ASCII apostrophe silently
 * swallows text. And no key sits in the bundles that the code never asks for.
 */
class BundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    /** A string literal in the code that is a key, or the prefix of keys built with an enum's name. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.?)\"");

    @ParameterizedTest
    @ValueSource(strings = { "de", "fr" })
    void everyLanguageHasEveryKeyWithTheSamePlaceholders(String language) throws IOException {
        Map<String, String> english = bundle("");
        Map<String, String> translated = bundle("_" + language);
        assertThat(translated.keySet()).as("keys of %s", language).containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, value) -> assertThat(placeholders(translated.get(key))).as("placeholders of %s in %s", key,
                language).isEqualTo(placeholders(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "de", "fr" })
    void everyPatternFormatsInItsLanguageAndLosesNoText(String language) throws IOException {
        Map<String, String> bundle = bundle(language.isEmpty() ? "" : "_" + language);
        Locale locale = language.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(language);
        bundle.forEach((key, value) -> {
            Set<String> indexes = placeholders(value);
            if (indexes.isEmpty()) {
                return; // shown as it stands: Vaadin formats only a text with arguments
            }
            // An apostrophe quotes in a pattern: only the deliberate '{...}' of an example may use one.
            if (!language.isEmpty()) {
                assertThat(value.replace("'{\"temperature\": 21.5}'", "")).as("%s in %s", key, language)
                        .doesNotContain("'");
            }
            for (Object sample : List.of(0, 1, 3, 1234)) {
                Object[] arguments = new Object[10];
                java.util.Arrays.fill(arguments, sample);
                String formatted = new MessageFormat(value, locale).format(arguments);
                assertThat(formatted).as("%s in %s with %s", key, language, sample).isNotBlank().doesNotContainPattern("\\{\\d");
            }
        });
    }

    @Test
    void noKeyIsUnused() throws IOException {
        Set<String> literals = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher literal = KEY_LITERAL.matcher(Files.readString(source));
                while (literal.find()) {
                    literals.add(literal.group(1));
                }
            }
        }
        List<String> prefixes = literals.stream().filter(literal -> literal.endsWith(".")).toList();
        List<String> unused = new ArrayList<>();
        for (String key : bundle("").keySet()) {
            if (!literals.contains(key) && prefixes.stream().noneMatch(key::startsWith)
                    && !key.startsWith("requests.category.")) {
                unused.add(key);
            }
        }
        assertThat(unused).as("keys no code asks for").isEmpty();
    }

    @Test
    void everyActionTheAuditTrailRecordsHasAName() throws IOException {
        Pattern recorded = Pattern.compile(
                "(?:\\.done|\\.doneForEach|\\.doneSaying|\\.doneForEachSaying|\\.refused)\\(\\s*\"([a-z][a-z.-]*)\"|\\.doneBy\\([^,]+,\\s*\"([a-z][a-z.-]*)\"");
        Pattern constant = Pattern.compile("String (?:USER|SERVICE_PRINCIPAL|RULE|DEVICE)_[A-Z_]+ = \"([a-z-]+\\.[a-z-]+)\"");
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                Matcher matcher = recorded.matcher(code);
                while (matcher.find()) {
                    actions.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
                Matcher named = constant.matcher(code);
                while (named.find()) {
                    actions.add(named.group(1));
                }
            }
        }
        assertThat(actions).contains("user.deleted", "sign-in", "alert-rule.enabled", "service-principal.assigned");
        Map<String, String> english = bundle("");
        assertThat(actions).allSatisfy(action -> assertThat(english).containsKey("audit.action." + action));
    }

    private static Set<String> placeholders(String value) {
        Set<String> indexes = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(value == null ? "" : value);
        while (matcher.find()) {
            indexes.add(matcher.group(1));
        }
        return indexes;
    }

    private static Map<String, String> bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(BundlesTest.class.getResourceAsStream(
                "/vaadin-i18n/translations" + suffix + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> bundle.put(key, properties.getProperty(key)));
        return bundle;
    }
}
