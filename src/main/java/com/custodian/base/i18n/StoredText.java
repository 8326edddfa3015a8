package com.custodian.base.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Text} kept in a database column until someone reads it, so that it is written in the
 * reader's language then, not in whatever language was about when it was stored. The column holds
 * a small JSON form ({@code {"k":"key","a":[…]}}, arguments being strings, numbers or texts);
 * anything else in the column (rows stored before) reads as the plain text it is.
 */
public final class StoredText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredText() {
    }

    public static String encode(Text text) {
        return JSON.writeValueAsString(tree(text));
    }

    /** The text, in the language given; a column that holds no stored text, as it stands. */
    public static String read(String column, Translations translations, java.util.Locale language) {
        return decode(column).map(text -> translations.text(language, text)).orElse(column == null ? "" : column);
    }

    public static Optional<Text> decode(String column) {
        if (column == null || !column.startsWith("{\"k\":")) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(column);
            if (!tree.isObject() || !tree.has("k") || !tree.has("a")) {
                return Optional.empty();
            }
            return Optional.of(text(tree));
        } catch (RuntimeException notOurs) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> tree(Text text) {
        List<Object> arguments = new ArrayList<>();
        for (Object argument : text.arguments()) {
            arguments.add(argument instanceof Text nested ? tree(nested)
                    : argument instanceof Number || argument == null ? argument : String.valueOf(argument));
        }
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        tree.put("k", text.key());
        tree.put("a", arguments);
        return tree;
    }

    private static Text text(JsonNode node) {
        List<Object> arguments = new ArrayList<>();
        for (JsonNode argument : node.get("a")) {
            arguments.add(argument.isObject() ? text(argument) : argument.isNumber() ? argument.numberValue()
                    : argument.isNull() ? null : argument.asString());
        }
        return new Text(node.get("k").asString(), arguments);
    }
}
