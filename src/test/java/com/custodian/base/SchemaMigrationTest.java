package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.custodian.testsupport.TestDatabase;

import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The changelog applies cleanly to an empty MariaDB database, and a second run finds nothing to do.
 * (The H2 side is proven by {@link H2DefaultRunTest}; Hibernate's schema validation runs in every
 * test context.)
 */
class SchemaMigrationTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    @Test
    void changelogAppliesToAnEmptyMariaDbDatabaseAndIsIdempotent() throws Exception {
        String scratch = "custodian_migration_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("create database " + scratch);
            try {
                String url = admin.getMetaData().getURL().replaceFirst("/[^/?]*(\\?|$)", "/" + scratch + "$1");
                update(url);
                try (Connection connection = connect(url)) {
                    assertThat(tables(connection)).contains("app_role", "role_permission", "app_user",
                            "role_assignment", "app_user_seq");
                    assertThat(count(connection, "select count(*) from app_role where built_in")).isEqualTo(3);
                    // A Galera cluster refuses cached sequences: none has a cache.
                    for (String sequence : List.of("app_user_seq", "device_seq", "alert_rule_seq", "data_request_seq")) {
                        try (ResultSet rs = connection.createStatement().executeQuery("show create sequence " + sequence)) {
                            rs.next();
                            assertThat(rs.getString(2)).as(sequence).contains("increment by 50", "nocache");
                        }
                    }
                }
                int changesets;
                try (Connection connection = connect(url)) {
                    changesets = count(connection, "select count(*) from DATABASECHANGELOG");
                }
                update(url);
                try (Connection connection = connect(url)) {
                    assertThat(count(connection, "select count(*) from DATABASECHANGELOG")).isEqualTo(changesets);
                }
            } finally {
                statement.execute("drop database " + scratch);
            }
        }
    }

    private static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, TestDatabase.settings().user(), TestDatabase.settings().password());
    }

    /** Runs the changelog; Liquibase closes the connection when done. */
    private static void update(String url) throws Exception {
        Connection connection = connect(url);
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
            liquibase.update();
        }
    }

    private static List<String> tables(Connection connection) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery(
                "select table_name from information_schema.tables where table_schema = database()")) {
            while (rs.next()) {
                names.add(rs.getString(1).toLowerCase());
            }
        }
        return names;
    }

    private static int count(Connection connection, String sql) throws Exception {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
