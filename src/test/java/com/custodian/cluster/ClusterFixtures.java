package com.custodian.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Rows the deployment tests and benchmark put straight into the database, and queries they read it with. */
final class ClusterFixtures {

    static final String ROOT = "0a9c3e5f-7b1d-4c2e-9f4a-6b8d0e2c4a00";

    private ClusterFixtures() {
    }

    /** A device of the demo's Environmental sensor template in the root organization, with this key. */
    static String createDevice(Connection db, String deviceId, String key) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into device (id, device_id, display_name, "
                + "template_id, enabled, key_hash, key_created_at, created_at, version, organization_id) "
                + "select next value for device_seq, ?, ?, id, true, ?, utc_timestamp(6), utc_timestamp(6), 0, ? "
                + "from device_template where name = 'Environmental sensor'")) {
            insert.setString(1, deviceId);
            insert.setString(2, deviceId);
            insert.setString(3, sha256(key));
            insert.setString(4, ROOT);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        return deviceId;
    }

    /** A device key as devices hold it (the application stores its SHA-256 only). */
    static String newKey() {
        return java.util.UUID.randomUUID().toString().replace("-", "") + "cluster";
    }

    static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> list(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
