package com.custodian.base.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes rows of named columns as they come, to CSV (RFC 4180, UTF-8, cells that a spreadsheet
 * would run as a formula neutralised) or to a JSON array of objects. Nothing is held in memory
 * beyond the current row. A cell is a string, null, or a list of strings (a JSON array; joined
 * with "; " in CSV).
 */
public abstract sealed class TableWriter implements Closeable {

    protected final List<String> columns;

    private TableWriter(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public static TableWriter open(ExportFormat format, List<String> columns, OutputStream out) {
        return switch (format) {
            case CSV -> new Csv(columns, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), ',');
            case JSON -> new Json(columns, out);
        };
    }

    /** Tab-separated text for the clipboard, to paste into a spreadsheet or a ticket. */
    public static TableWriter tabSeparated(List<String> columns, Writer out) {
        return new Csv(columns, out, '\t');
    }

    /** Writes one row: one cell per column, in the columns' order. */
    public abstract void row(List<?> cells);

    /**
     * The text of a CSV cell: a cell a spreadsheet would run as a formula made plain text (CSV
     * injection), and quoted where the separator, a quote or a line break needs it.
     */
    static String csvCell(String text, char separator) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !isPlainNumber(text)) {
            text = "'" + text;
        }
        if (separator == '\t') {
            return text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
        }
        if (text.indexOf(separator) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** A plain number, such as -3.5 or 1e-3: a spreadsheet reads it as a number, not a formula. */
    static boolean isPlainNumber(String text) {
        int i = skipSign(text, 0);
        int end = skipDigits(text, i);
        if (end == i) {
            return false;
        }
        if (end < text.length() && text.charAt(end) == '.') {
            i = end + 1;
            end = skipDigits(text, i);
            if (end == i) {
                return false;
            }
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            i = skipSign(text, end + 1);
            end = skipDigits(text, i);
            if (end == i) {
                return false;
            }
        }
        return end == text.length();
    }

    private static int skipSign(String text, int at) {
        return at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-') ? at + 1 : at;
    }

    /** Where the run of ASCII digits from {@code at} ends. */
    private static int skipDigits(String text, int at) {
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    private static final class Csv extends TableWriter {
        private final Writer out;
        private final char separator;

        Csv(List<String> columns, Writer out, char separator) {
            super(columns);
            this.out = out;
            this.separator = separator;
            write(columns);
        }

        @Override
        public void row(List<?> cells) {
            write(cells);
        }

        private void write(List<?> cells) {
            try {
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        out.write(separator);
                    }
                    out.write(cell(cells.get(i)));
                }
                out.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String cell(Object value) {
            String text = value == null ? ""
                    : value instanceof List<?> list ? String.join("; ", list.stream().map(String::valueOf).toList())
                    : value.toString();
            return csvCell(text, separator);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static final class Json extends TableWriter {
        private final JsonGenerator json;

        Json(List<String> columns, OutputStream out) {
            super(columns);
            this.json = JsonMapper.builder().build().createGenerator(out);
            json.writeStartArray();
        }

        @Override
        public void row(List<?> cells) {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                Object value = cells.get(i);
                json.writeName(columns.get(i));
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof List<?> list) {
                    json.writeStartArray();
                    for (Object item : list) {
                        json.writeString(String.valueOf(item));
                    }
                    json.writeEndArray();
                } else {
                    json.writeString(value.toString());
                }
            }
            json.writeEndObject();
        }

        @Override
        public void close() {
            json.writeEndArray();
            json.close();
        }
    }
}
