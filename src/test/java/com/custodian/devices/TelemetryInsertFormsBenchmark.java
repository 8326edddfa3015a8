package com.custodian.devices;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.CpuTime;
import com.custodian.testsupport.SignIn;
import com.custodian.testsupport.TestDatabase;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statement forms MariaDB offers for storing a request's telemetry, side by side on the same
 * rows (120,000 messages, 360,000 values, a commit per 3,000 rows, one thread): Connector/J's bulk
 * protocol (what the store uses), the same batch sent as single statements, a multi-row
 * {@code INSERT}, and {@code LOAD DATA LOCAL INFILE} from a stream; with the MariaDB server's CPU
 * per value. Then the two ways of reading the devices' JSON: into a tree (what ingestion does) and
 * token by token. Prints; asserts nothing. Run with
 * {@code ./mvnw -Pbenchmark test -Dtest=TelemetryInsertFormsBenchmark}.
 */
@SpringBootTest
class TelemetryInsertFormsBenchmark {

    static final int MESSAGES = 120_000;
    static final int ROWS_PER_COMMIT = 3_000;
    static final int ROWS_PER_STATEMENT = 1_000;

    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void insertForms() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Benchmark " + UUID.randomUUID(), List.of(
                new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        NewDevice device = devices.createDevice("bench-forms-" + UUID.randomUUID(), "Forms", template.id());
        long id = device.device().id();
        Instant start = Instant.now().minus(Duration.ofDays(3));
        try {
            for (int round = 1; round <= 2; round++) {
                measure("bulk protocol (useBulkStmtsForInserts, the default)", round, id, "", connection ->
                        batch(connection, id, start));
                measure("the same batch as single statements, pipelined (useBulkStmtsForInserts=false)", round, id,
                        "useBulkStmtsForInserts=false", connection -> batch(connection, id, start));
                measure("multi-row insert ignore, " + ROWS_PER_STATEMENT + " rows a statement", round, id, "",
                        connection -> multiRow(connection, id, start));
                measure("load data local infile from a stream", round, id, "allowLocalInfile=true",
                        connection -> loadData(connection, id, start));
            }
            jsonReading();
        } finally {
            devices.deleteDevices(List.of(id));
            jdbc.update("delete from device_template where name like 'Benchmark %'");
        }
    }

    @FunctionalInterface
    interface Insert {
        void into(Connection connection) throws Exception;
    }

    private void measure(String form, int round, long device, String options, Insert insert) throws Exception {
        jdbc.update("delete from telemetry where device_ref = ?", device);
        String url = TestDatabase.settings().url();
        if (!options.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + options;
        }
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.settings().user(),
                TestDatabase.settings().password())) {
            connection.setAutoCommit(false);
            long serverBefore = CpuTime.mariadbMillis();
            long started = System.nanoTime();
            insert.into(connection);
            double seconds = (System.nanoTime() - started) / 1e9;
            long serverMillis = CpuTime.mariadbMillis() - serverBefore;
            Long stored = jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Long.class, device);
            System.out.printf(Locale.ROOT, "BENCHMARK insert forms, round %d: %s: %,.0f messages/s (%,.0f values/s), "
                    + "MariaDB CPU %.2f µs a value; %,d values stored%n", round, form, MESSAGES / seconds,
                    3 * MESSAGES / seconds, serverMillis * 1e3 / (3.0 * MESSAGES), stored);
        }
    }

    private static void batch(Connection connection, long device, Instant start) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert ignore into telemetry "
                + "(device_ref, field, ts, num_value, text_value) values (?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (int m = 0; m < MESSAGES; m++) {
                LocalDateTime at = LocalDateTime.ofInstant(start.plusMillis(m * 10L), ZoneOffset.UTC);
                for (String field : FIELDS) {
                    insert.setLong(1, device);
                    insert.setString(2, field);
                    insert.setObject(3, at);
                    insert.setDouble(4, 20.0 + m % 5);
                    insert.setNull(5, java.sql.Types.VARCHAR);
                    insert.addBatch();
                    if (++rows % ROWS_PER_COMMIT == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void multiRow(Connection connection, long device, Instant start) throws Exception {
        StringBuilder sql = new StringBuilder("insert ignore into telemetry (device_ref, field, ts, num_value, "
                + "text_value) values ");
        for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?)");
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int parameter = 0;
            int rows = 0;
            for (int m = 0; m < MESSAGES; m++) {
                LocalDateTime at = LocalDateTime.ofInstant(start.plusMillis(m * 10L), ZoneOffset.UTC);
                for (String field : FIELDS) {
                    insert.setLong(++parameter, device);
                    insert.setString(++parameter, field);
                    insert.setObject(++parameter, at);
                    insert.setDouble(++parameter, 20.0 + m % 5);
                    insert.setNull(++parameter, java.sql.Types.VARCHAR);
                    if (++rows % ROWS_PER_STATEMENT == 0) {
                        insert.executeUpdate();
                        parameter = 0;
                        if (rows % ROWS_PER_COMMIT == 0) {
                            connection.commit();
                        }
                    }
                }
            }
            connection.commit();
        }
    }

    private static void loadData(Connection connection, long device, Instant start) throws Exception {
        try (Statement load = connection.createStatement()) {
            StringBuilder rows = new StringBuilder();
            int count = 0;
            for (int m = 0; m < MESSAGES; m++) {
                String at = Timestamp.from(start.plusMillis(m * 10L)).toInstant().toString().replace('T', ' ')
                        .replace("Z", "");
                for (String field : FIELDS) {
                    rows.append(device).append('\t').append(field).append('\t').append(at).append('\t')
                            .append(20.0 + m % 5).append("\t\\N\n");
                    if (++count % ROWS_PER_COMMIT == 0) {
                        load(load, rows);
                        connection.commit();
                        rows.setLength(0);
                    }
                }
            }
            if (!rows.isEmpty()) {
                load(load, rows);
            }
            connection.commit();
        }
    }

    private static void load(Statement load, StringBuilder rows) throws Exception {
        load.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
                new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        load.execute("load data local infile 'telemetry.tsv' ignore into table telemetry "
                + "(device_ref, field, ts, num_value, text_value)");
    }

    /** A device's request body, read into a tree and token by token: the parsing alone, µs a message. */
    private static void jsonReading() {
        JsonMapper json = JsonMapper.builder().build();
        List<byte[]> bodies = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(1));
        for (int request = 0; request < 1_200; request++) {
            StringBuilder body = new StringBuilder("[");
            for (int m = 0; m < 100; m++) {
                body.append(m == 0 ? "" : ",").append("{\"timestamp\":\"").append(start.plusMillis(request * 1000L + m * 10L))
                        .append("\",\"temperature\":").append(18 + m % 5).append(",\"humidity\":").append(38 + m % 7)
                        .append(",\"battery\":").append(90 - m % 3).append('}');
            }
            bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        for (int round = 1; round <= 3; round++) {
            long started = System.nanoTime();
            long nodes = 0;
            for (byte[] body : bodies) {
                nodes += json.readTree(body).size();
            }
            double tree = (System.nanoTime() - started) / 1e3 / (bodies.size() * 100.0);
            started = System.nanoTime();
            long tokens = 0;
            for (byte[] body : bodies) {
                try (JsonParser parser = json.createParser(body)) {
                    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                            parser.getDoubleValue();
                        } else if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
                            parser.getString();
                        }
                        tokens++;
                    }
                }
            }
            double streaming = (System.nanoTime() - started) / 1e3 / (bodies.size() * 100.0);
            System.out.printf(Locale.ROOT, "BENCHMARK reading the JSON, round %d: into a tree %.2f µs a message, token "
                    + "by token %.2f µs a message (%d messages, %d tokens)%n", round, tree, streaming, nodes, tokens);
        }
    }

    private static final List<String> FIELDS = List.of("temperature", "humidity", "battery");
}
