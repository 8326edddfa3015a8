package com.custodian.base.ui;

/** Text placed into markup that the browser parses (an element's {@code innerHTML}). */
final class Markup {

    private Markup() {
    }

    /** The text as markup shows it: never as an element or an attribute's end. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
