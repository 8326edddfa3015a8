package com.custodian.base.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV for millions of rows: cells go straight into a byte buffer as UTF-8, and the buffer to the
 * stream when full, with no string or list per row. The same rules as {@link TableWriter}'s CSV
 * (RFC 4180, formulas neutralised); a cell that repeats on many rows can be escaped once
 * ({@link #escaped(String)}) and written as bytes.
 */
public final class CsvStream implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int used;
    private boolean firstCell = true;

    public CsvStream(OutputStream out, List<String> columns) {
        this.out = out;
        for (String column : columns) {
            cell(column);
        }
        endRow();
    }

    /** A cell's bytes, escaped once, for a value many rows share (a device's ID, a field's name). */
    public static byte[] escaped(String text) {
        return TableWriter.csvCell(text == null ? "" : text, ',').getBytes(StandardCharsets.UTF_8);
    }

    /** A cell of any text; null is an empty cell. */
    public void cell(String text) {
        if (text == null) {
            separate();
            return;
        }
        if (!plain(text)) {
            cell(escaped(text));
            return;
        }
        separate();
        int length = text.length();
        if (used + length > BUFFER) {
            drain();
            if (length > BUFFER) {
                write(text.getBytes(StandardCharsets.US_ASCII), length);
                return;
            }
        }
        for (int i = 0; i < length; i++) {
            buffer[used++] = (byte) text.charAt(i); // plain() allowed ASCII only: one byte a character
        }
    }

    /** A cell escaped beforehand by {@link #escaped(String)}. */
    public void cell(byte[] escapedCell) {
        separate();
        if (used + escapedCell.length > BUFFER) {
            drain();
            if (escapedCell.length > BUFFER) {
                write(escapedCell, escapedCell.length);
                return;
            }
        }
        System.arraycopy(escapedCell, 0, buffer, used, escapedCell.length);
        used += escapedCell.length;
    }

    public void endRow() {
        if (used + 2 > BUFFER) {
            drain();
        }
        buffer[used++] = '\r';
        buffer[used++] = '\n';
        firstCell = true;
    }

    /** Writes what is buffered; the stream stays open. */
    @Override
    public void close() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text that needs neither quotes nor neutralising, in ASCII: most cells, copied as they are. */
    private static boolean plain(String text) {
        int length = text.length();
        if (length > 0 && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !TableWriter.isPlainNumber(text)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c >= 127 || c == ',' || c == '"') {
                return false;
            }
        }
        return true;
    }

    private void separate() {
        if (!firstCell) {
            if (used == BUFFER) {
                drain();
            }
            buffer[used++] = ',';
        }
        firstCell = false;
    }

    private void drain() {
        write(buffer, used);
        used = 0;
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
