package com.custodian.testsupport;

import java.util.List;

/**
 * Text an attacker or a broken client sends: empty and huge, control characters, SQL, HTML and
 * script, template and lookup injections, broken and tricky Unicode, paths, and numbers that are not.
 */
public final class HostileStrings {

    public static final List<String> ALL = List.of("", " ", "x".repeat(100_000), "a\u0000b", "line\r\nbreak",
            "tab\tand\u0007bell", "'; drop table app_user; --", "\" or \"1\"=\"1", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "${jndi:ldap://x/a}", "{{7*7}}", "\uD800", "\uDC00lone", "\u202Eevil",
            "e\u0301\u0301\u0301", "😀".repeat(300), "\uFEFFbom", "%00%0d%0a", "../../etc/passwd", "null", "-1",
            "1e309", "NaN", "0x1F", "a@b", "@contoso.test", "admin@contoso.test\nx@y.z", "a,b,,c;d");

    private HostileStrings() {
    }

    /** A short, printable name of the input for assertion messages. */
    public static String describe(String input) {
        String shown = input.length() > 40 ? input.substring(0, 40) + "… (" + input.length() + " chars)" : input;
        StringBuilder escaped = new StringBuilder();
        shown.codePoints().forEach(c -> escaped.append(c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return "\"" + escaped + "\"";
    }
}
