package com.custodian.base.personaldata;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.custodian.base.i18n.Languages;
import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A streamed ZIP of personal data: files written one after another straight to the output, each
 * digested with SHA-256 on the way, and a {@code manifest.json} at the end that states what the
 * bundle includes and excludes, counts, and each file's digest — so the recipient can check it.
 * What it includes and excludes is written in the language of the person who asked for it.
 */
public final class ExportBundle {

    /** Writes one file's content; the stream may be closed or not. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ZipOutputStream zip;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> included = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final Map<String, String> digests = new LinkedHashMap<>();
    private final Translations translations;
    private final Locale language;
    private boolean finished;

    /** A bundle whose descriptions are in English (the API's, and tests'). */
    public ExportBundle(OutputStream out, Instant generatedAt) {
        this(out, generatedAt, null, Languages.ENGLISH);
    }

    /** A bundle whose descriptions are in the given language. */
    public ExportBundle(OutputStream out, Instant generatedAt, Translations translations, Locale language) {
        this.zip = new ZipOutputStream(out);
        // Deflate's fastest level: for a million telemetry rows 3.4 times faster than the default
        // (0.16 s against 0.54 s) for a ZIP 13 % larger; the export is written as it downloads.
        zip.setLevel(Deflater.BEST_SPEED);
        this.translations = translations;
        this.language = language;
        properties.put("generatedAt", generatedAt.toString());
    }

    /** A text in the bundle's language. */
    public String text(Text text) {
        return translations == null ? Translations.english(text) : translations.text(language, text);
    }

    /** A top-level manifest property: a string, a number or a list of strings. */
    public ExportBundle property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Adds to a count of the manifest, e.g. "telemetryPoints". */
    public ExportBundle count(String name, long value) {
        counts.merge(name, value, Long::sum);
        return this;
    }

    /** A line saying what the bundle includes. */
    public ExportBundle included(Text what) {
        included.add(text(what));
        return this;
    }

    /** A line saying what the bundle leaves out, and why. */
    public ExportBundle excluded(Text what) {
        String line = text(what);
        if (!excluded.contains(line)) {
            excluded.add(line);
        }
        return this;
    }

    /** Writes one file into the bundle, digesting it. */
    public void file(String name, Content content) {
        if (finished || digests.containsKey(name) || name.equals("manifest.json")) {
            throw new IllegalStateException("The bundle cannot take a file named " + name + " now");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            zip.putNextEntry(new ZipEntry(name));
            // Digested and compressed on a second thread while the content is still being produced.
            HandOffStream handOff = new HandOffStream(new DigestOutputStream(zip, sha256), "export-" + name);
            try {
                content.write(new Unclosable(handOff));
                handOff.close();
            } finally {
                handOff.abandon();
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        digests.put(name, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Writes the manifest and ends the ZIP; the underlying stream stays open. */
    public void finish() {
        Map<String, Object> manifest = new LinkedHashMap<>(properties);
        manifest.putAll(counts);
        manifest.put("included", included);
        manifest.put("excluded", excluded);
        manifest.put("sha256", digests);
        try {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            JSON.writeValue(new Unclosable(zip), manifest);
            zip.closeEntry();
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finished = true;
    }

    /** Lets a writer close its view of a ZIP entry without closing the ZIP. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
