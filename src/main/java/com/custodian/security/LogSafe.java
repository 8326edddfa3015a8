package com.custodian.security;

/**
 * A value that came from a request, made safe for a plain-text log line: control characters (CR,
 * LF and the rest) become visible escapes, so no caller can start a forged line; long values are cut.
 */
public final class LogSafe {

    private static final int MAX = 200;

    private LogSafe() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        String clipped = text.length() > MAX ? text.substring(0, MAX) + "…" : text;
        StringBuilder safe = new StringBuilder(clipped.length());
        clipped.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }
}
