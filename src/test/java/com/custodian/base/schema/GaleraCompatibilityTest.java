package com.custodian.base.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.custodian.testsupport.GaleraRules;
import com.custodian.testsupport.TestDatabase;

import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * What a Galera cluster asks of the schema and the statements, checked on one MariaDB server: every
 * table keyed and InnoDB (Liquibase's included), the migration safe when several instances start at
 * once, and no statement of a kind Galera does not replicate. The cluster itself is in
 * {@code SeveralInstancesOnCluster}.
 */
class GaleraCompatibilityTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    @Test
    void threeInstancesMigratingANewDatabaseAtOnceRunEachChangesetOnceAndKeyEveryTable() throws Exception {
        onScratchDatabase(url -> {
            List<CompletableFuture<Void>> instances = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                instances.add(CompletableFuture.runAsync(() -> migrate(url)));
            }
            instances.forEach(CompletableFuture::join);
            try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
                assertThat(count(statement, "select count(*) from DATABASECHANGELOG")).isPositive()
                        .isEqualTo(count(statement, "select count(distinct ID) from DATABASECHANGELOG"));
                assertThat(count(statement, "select count(*) from DATABASECHANGELOGLOCK")).isEqualTo(1);
                assertThat(GaleraRules.tablesWithoutPrimaryKey(statement)).as("tables without a primary key").isEmpty();
                assertThat(GaleraRules.tablesNotInnoDb(statement)).as("tables Galera does not replicate").isEmpty();
            }
        });
    }

    @Test
    void aChangelogTableMadeWithoutAKeyGetsOneAndKeepsItsRows() throws Exception {
        onScratchDatabase(url -> {
            try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
                // As Liquibase made it for databases of earlier versions.
                statement.execute("create table DATABASECHANGELOG (ID varchar(255) not null, AUTHOR varchar(255) "
                        + "not null, FILENAME varchar(255) not null, DATEEXECUTED datetime not null, ORDEREXECUTED "
                        + "int not null, EXECTYPE varchar(10) not null, MD5SUM varchar(35), `DESCRIPTION` varchar(255), "
                        + "COMMENTS varchar(255), TAG varchar(255), LIQUIBASE varchar(20), CONTEXTS varchar(255), "
                        + "LABELS varchar(255), DEPLOYMENT_ID varchar(10))");
                statement.execute("insert into DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, "
                        + "EXECTYPE) values ('x', 'custodian', 'f.yaml', now(), 1, 'EXECUTED')");
                LiquibaseOwnTables.prepare(new DriverManagerDataSource(url, user(), password()));
                LiquibaseOwnTables.prepare(new DriverManagerDataSource(url, user(), password()));
                assertThat(count(statement, "select count(*) from information_schema.table_constraints where "
                        + "table_schema = database() and table_name = 'DATABASECHANGELOG' and constraint_type = "
                        + "'PRIMARY KEY'")).isEqualTo(1);
                assertThat(count(statement, "select count(*) from DATABASECHANGELOG")).isEqualTo(1);
            }
        });
    }

    @Test
    void noStatementUsesWhatGaleraDoesNotReplicate() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")),
                Files.walk(Path.of("src/main/resources/db")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file).toLowerCase(Locale.ROOT);
                for (String forbidden : List.of("lock tables", "lock table ", "get_lock(", "release_lock(", "myisam",
                        "engine=memory", "engine = memory", "flush tables")) {
                    if (text.contains(forbidden)) {
                        found.add(file + ": " + forbidden);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static void migrate(String url) {
        try {
            LiquibaseOwnTables.prepare(new DriverManagerDataSource(url, user(), password()));
            Connection connection = connect(url);
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                liquibase.update();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface OnDatabase {
        void run(String url) throws Exception;
    }

    private static void onScratchDatabase(OnDatabase test) throws Exception {
        String scratch = "custodian_galera_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("create database " + scratch);
            try {
                test.run(admin.getMetaData().getURL().replaceFirst("/[^/?]*(\\?|$)", "/" + scratch + "$1"));
            } finally {
                statement.execute("drop database " + scratch);
            }
        }
    }

    private static Connection connect(String url) throws java.sql.SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    private static String user() {
        return TestDatabase.settings().user();
    }

    private static String password() {
        return TestDatabase.settings().password();
    }

    private static long count(Statement statement, String sql) throws java.sql.SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
