package com.custodian.base.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CSV that spreadsheets read safely, JSON that machines read, tab-separated text for the clipboard. */
class TableWriterTest {

    @Test
    void csvQuotesWhatNeedsQuotingAndNeutralisesFormulas() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("name", "roles"), out)) {
            csv.row(Arrays.asList("=HYPERLINK(\"http://evil\")", List.of("App Builder", "+Ops")));
            csv.row(Arrays.asList("Smith, \"Jo\"", null));
            csv.row(Arrays.asList("-1+cmd|' /C calc'!A0", List.of("@admins")));
            csv.row(Arrays.asList("-3.5", List.of("1e-3")));
            csv.row(Arrays.asList("line\nbreak", List.of()));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "name,roles\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",App Builder; +Ops\r\n"
                + "\"Smith, \"\"Jo\"\"\",\r\n"
                + "'-1+cmd|' /C calc'!A0,'@admins\r\n"
                + "-3.5,1e-3\r\n"
                + "\"line\nbreak\",\r\n");
    }

    @Test
    void theByteStreamWritesTheSameCsvAsTheTableWriter() throws IOException {
        List<List<String>> rows = List.of(
                Arrays.asList("=HYPERLINK(\"http://evil\")", "+Ops"), Arrays.asList("Smith, \"Jo\"", null),
                List.of("-1+cmd|' /C calc'!A0", "@admins"), List.of("-3.5", "1e-3"), List.of("line\nbreak", ""),
                List.of("Temp\u00e9rature", "\u2264 5"), List.of("-", "1."), List.of("+.5", "2e"), List.of("x".repeat(70_000), "y"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("a", "b"), expected)) {
            rows.forEach(csv::row);
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (CsvStream csv = new CsvStream(written, List.of("a", "b"))) {
            byte[] repeated = CsvStream.escaped("=SUM(A1)");
            for (List<String> row : rows) {
                csv.cell(row.get(0));
                csv.cell(row.get(1));
                csv.endRow();
            }
            csv.cell(repeated);
            csv.cell((String) null);
            csv.endRow();
        }
        assertThat(written.toString(StandardCharsets.UTF_8))
                .isEqualTo(expected.toString(StandardCharsets.UTF_8) + "'=SUM(A1),\r\n");
    }

    @Test
    void onlyPlainNumbersEscapeNeutralising() {
        assertThat(List.of("-3.5", "+2", "1e-3", "-1E+20", "0.30000000000000004")).allMatch(TableWriter::isPlainNumber);
        assertThat(List.of("-", "+", "1.", ".5", "2e", "-1+1", "1e5x", "", "\u0661")).noneMatch(TableWriter::isPlainNumber);
    }

    @Test
    void jsonIsAnArrayOfObjectsWithListsAndNulls() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter json = TableWriter.open(ExportFormat.JSON, List.of("name", "roles"), out)) {
            json.row(Arrays.asList("=1+1", List.of("App Builder")));
            json.row(Arrays.asList(null, List.of()));
        }
        JsonNode parsed = JsonMapper.builder().build().readTree(out.toByteArray());
        assertThat(parsed.size()).isEqualTo(2);
        assertThat(parsed.get(0).get("name").asString()).as("JSON is data, not a formula: kept as it is").isEqualTo("=1+1");
        assertThat(parsed.get(0).get("roles").get(0).asString()).isEqualTo("App Builder");
        assertThat(parsed.get(1).get("name").isNull()).isTrue();
    }

    @Test
    void tabSeparatedTextKeepsOneRowPerLine() throws IOException {
        StringWriter text = new StringWriter();
        try (TableWriter tsv = TableWriter.tabSeparated(List.of("a", "b"), text)) {
            tsv.row(List.of("x\ty", "multi\nline"));
        }
        assertThat(text.toString()).isEqualTo("a\tb\r\nx y\tmulti line\r\n");
    }
}
