package com.custodian.devices;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Telemetry rows through plain JDBC: batched inserts (for a repeated device, field and time the
 * stored value is kept, so a device may safely resend), per-device ranges, bulk deletes, and
 * keyset scans for exports. Times are UTC.
 */
@Component
class TelemetryStore {

    private static final RowMapper<TelemetryPoint> POINT = (rs, row) -> new TelemetryPoint(rs.getString("field"),
            rs.getObject("ts", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getObject("num_value", Double.class),
            rs.getString("text_value"));

    static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    TelemetryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The database the store writes to, for a transaction of plain JDBC around its statements. */
    javax.sql.DataSource dataSource() {
        return jdbc.getDataSource();
    }

    /** Times are stored as UTC date-times, whatever the JVM's zone. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Inserts the writes' points as one JDBC batch (the driver sends it in bulk). A value already
     * stored for the same device, field and time is kept: a device that resends after a lost answer
     * changes nothing.
     */
    void insert(long device, List<TelemetryPoint> points) {
        insert(List.of(new TelemetryWriter.Write(device, new TelemetryReceived(device, "", "", null, null, points), null)));
    }

    private static final java.util.Comparator<Object[]> IN_KEY_ORDER = java.util.Comparator
            .<Object[]>comparingLong(row -> (Long) row[0])
            .thenComparing(row -> ((TelemetryPoint) row[1]).field())
            // By the time as the column stores it (microseconds): points the column cannot tell apart
            // keep their arrival order, and insert ignore keeps the first, as it did unsorted.
            .thenComparingLong(row -> ((TelemetryPoint) row[1]).timestamp().getEpochSecond())
            .thenComparingInt(row -> ((TelemetryPoint) row[1]).timestamp().getNano() / 1_000);

    void insert(List<TelemetryWriter.Write> writes) {
        List<Object[]> rows = new ArrayList<>();
        for (TelemetryWriter.Write write : writes) {
            for (TelemetryPoint point : write.received().points()) {
                rows.add(new Object[] {write.deviceRef(), point});
            }
        }
        // In the primary key's order (device, field, time): each row lands beside the one before it
        // in the index, where a request's rows, a message at a time, would alternate between its
        // fields and a group's between its devices.
        rows.sort(IN_KEY_ORDER);
        jdbc.batchUpdate("insert ignore into telemetry (device_ref, field, ts, num_value, text_value) "
                + "values (?, ?, ?, ?, ?)", rows, BATCH, (statement, row) -> {
                    TelemetryPoint point = (TelemetryPoint) row[1];
                    statement.setLong(1, (Long) row[0]);
                    statement.setString(2, point.field());
                    statement.setObject(3, utc(point.timestamp()));
                    if (point.number() != null) {
                        statement.setDouble(4, point.number());
                    } else {
                        statement.setNull(4, java.sql.Types.DOUBLE);
                    }
                    statement.setString(5, point.text());
                });
    }

    /**
     * Locks the devices' rows until the transaction ends, and tells which still exist. Telemetry
     * writes and erasures both take these locks first, in key order, so they wait for each other
     * instead of deadlocking, and a write never lands for a device erased meanwhile.
     *
     * @return the device ID of each row that still exists, by row, in key order
     */
    Map<Long, String> lockDevices(Collection<Long> devices) {
        Map<Long, String> present = new LinkedHashMap<>();
        if (devices.isEmpty()) {
            return present;
        }
        named.query("select id, device_id from device where id in (:devices) order by id for update",
                new MapSqlParameterSource("devices", devices),
                (RowCallbackHandler) rs -> present.put(rs.getLong(1), rs.getString(2)));
        return present;
    }

    /** The newest value of each field. */
    Map<String, TelemetryPoint> latest(long device) {
        Map<String, TelemetryPoint> latest = new LinkedHashMap<>();
        jdbc.query("select t.field, t.ts, t.num_value, t.text_value from telemetry t where t.device_ref = ? and t.ts = "
                + "(select max(m.ts) from telemetry m where m.device_ref = t.device_ref and m.field = t.field)",
                POINT, device).forEach(point -> latest.put(point.field(), point));
        return latest;
    }

    /** A field's values since a time, oldest first, at most {@code limit} (the newest ones). */
    List<TelemetryPoint> series(long device, String field, Instant since, int limit) {
        List<TelemetryPoint> newestFirst = jdbc.query("select field, ts, num_value, text_value from telemetry "
                + "where device_ref = ? and field = ? and ts >= ? order by ts desc limit ?", POINT, device, field,
                utc(since), limit);
        List<TelemetryPoint> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * Raw values up to a time, newest first. The bound keeps pages stable while new values arrive:
     * a page opened at a time shows what was there then.
     */
    List<TelemetryPoint> page(long device, Instant until, int offset, int limit) {
        return jdbc.query("select field, ts, num_value, text_value from telemetry where device_ref = ? and ts <= ? "
                + "order by ts desc, field limit ? offset ?", POINT, device, utc(until), limit, offset);
    }

    long count(long device, Instant until) {
        Long count = jdbc.queryForObject("select count(*) from telemetry where device_ref = ? and ts <= ?", Long.class,
                device, utc(until));
        return count == null ? 0 : count;
    }

    Map<Long, Long> countByDevice(Collection<Long> devices) {
        Map<Long, Long> counts = new HashMap<>();
        if (devices.isEmpty()) {
            return counts;
        }
        named.query("select device_ref, count(*) from telemetry where device_ref in (:devices) group by device_ref",
                new MapSqlParameterSource("devices", devices),
                (RowCallbackHandler) rs -> counts.put(rs.getLong(1), rs.getLong(2)));
        return counts;
    }

    /** Deletes the devices' telemetry in one statement, however many points they have. */
    int deleteFor(Collection<Long> devices) {
        return named.update("delete from telemetry where device_ref in (:devices)",
                new MapSqlParameterSource("devices", devices));
    }

    /** Deletes rows older than the cutoff, a chunk at a time so no lock is held long. */
    long purgeOlderThan(Instant cutoff, int chunk) {
        long purged = 0;
        int deleted;
        do {
            deleted = jdbc.update("delete from telemetry where ts < ? limit ?", utc(cutoff), chunk);
            purged += deleted;
        } while (deleted == chunk);
        return purged;
    }

    /** One stored point as the database writes it in text: its time {@code yyyy-MM-dd HH:mm:ss.ffffff} (UTC). */
    @FunctionalInterface
    interface StoredText {
        void accept(String field, String utcTime, String number, String text);
    }

    /**
     * Every point of the device, in (field, time) order, a chunk per statement, as the database's
     * text: for exports, which write it out as it is (a number in its shortest exact form), rather
     * than parse each value into objects only to print it again. Each chunk streams from the server
     * ({@link #STREAM_FETCH} rows at a time), so it is written while the server still sends it and
     * memory holds only those rows; chunks keep a statement short and an abandoned export cheap.
     */
    void scanText(long device, int chunk, StoredText each) {
        String[] last = {"", "1970-01-01 00:00:00"};
        int[] read = new int[1];
        // The time as the server's own text: the driver would parse a datetime and format it again.
        String sql = "select field, cast(ts as char(26)), num_value, text_value from telemetry "
                + "where device_ref = ? and (field > ? or (field = ? and ts > ?)) order by field, ts limit ?";
        do {
            read[0] = 0;
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                statement.setFetchSize(STREAM_FETCH);
                statement.setLong(1, device);
                statement.setString(2, last[0]);
                statement.setString(3, last[0]);
                statement.setString(4, last[1]);
                statement.setInt(5, chunk);
                return statement;
            }, (RowCallbackHandler) rs -> {
                String field = rs.getString(1);
                String time = rs.getString(2);
                each.accept(field, time, rs.getString(3), rs.getString(4));
                last[0] = field;
                last[1] = time;
                read[0]++;
            });
        } while (read[0] == chunk);
    }

    /** Rows the driver reads from a streaming result at a time. */
    static final int STREAM_FETCH = 1000;
}
