package com.custodian.base.i18n;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A text a person will read, not yet in their language: a key of the translation bundles and the
 * values it names. Services return these; the page (or the email, or the export) translates them
 * into the reader's language. The arguments are plain values (strings, numbers, dates) or other
 * texts, which are translated into the same language before they are filled in.
 */
public record Text(String key, List<Object> arguments) implements Serializable {

    public Text {
        arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    public static Text of(String key, Object... arguments) {
        return new Text(key, Arrays.asList(arguments));
    }

    /**
     * Items joined two at a time by a pattern of two arguments (such as {@code "{0}, {1}"} or
     * {@code "{0} and {1}"}), each item a plain value or a text: nothing for no item, the item
     * itself for one.
     */
    public static Object joined(String pairKey, List<?> items) {
        if (items.isEmpty()) {
            return "";
        }
        Object joined = items.getFirst();
        for (Object item : items.subList(1, items.size())) {
            joined = of(pairKey, joined, item);
        }
        return joined;
    }

    public Object[] argumentArray() {
        return arguments.toArray();
    }
}
