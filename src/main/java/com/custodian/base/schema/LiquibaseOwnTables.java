package com.custodian.base.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import liquibase.integration.spring.SpringLiquibase;

/**
 * Makes Liquibase's own two tables on MariaDB before Liquibase runs, so that several instances can
 * start at once on a Galera cluster. Liquibase creates {@code DATABASECHANGELOG} before it takes its
 * lock, so instances starting together race to create it and all but one fail; and it creates the
 * table without a primary key, which a cluster with {@code innodb_force_primary_key} refuses (and
 * which Galera replicates badly). Here both tables are made with {@code IF NOT EXISTS} and a primary
 * key, the lock row with {@code INSERT IGNORE}: each statement is harmless when another instance got
 * there first. A changelog table made by an earlier version gets its primary key here. On H2 (the
 * default run, one process) Liquibase is left to do it all.
 */
@Component
class LiquibaseOwnTables implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(LiquibaseOwnTables.class);
    /** MariaDB's error for a deadlock, which is also how Galera reports a lost certification. */
    private static final int DEADLOCK = 1213;
    /** "Multiple primary key defined": another instance added the key a moment before. */
    private static final int PRIMARY_KEY_EXISTS = 1068;
    private static final int ATTEMPTS = 5;

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        // Before initialisation: SpringLiquibase migrates in afterPropertiesSet.
        if (bean instanceof SpringLiquibase liquibase && liquibase.getDataSource() != null) {
            prepare(liquibase.getDataSource());
        }
        return bean;
    }

    static void prepare(DataSource dataSource) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                String product = connection.getMetaData().getDatabaseProductName();
                if (!"MariaDB".equalsIgnoreCase(product) && !"MySQL".equalsIgnoreCase(product)) {
                    return;
                }
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    createTables(statement);
                }
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() != DEADLOCK || attempt == ATTEMPTS) {
                    throw new IllegalStateException("Could not prepare Liquibase's tables: " + e.getMessage(), e);
                }
                log.info("Preparing Liquibase's tables met another instance's write; trying again");
            }
        }
    }

    private static void createTables(Statement statement) throws SQLException {
        statement.execute("""
                create table if not exists DATABASECHANGELOGLOCK (
                  ID int not null, `LOCKED` tinyint(1) not null, LOCKGRANTED datetime null,
                  LOCKEDBY varchar(255) null, constraint PK_DATABASECHANGELOGLOCK primary key (ID))""");
        statement.execute("insert ignore into DATABASECHANGELOGLOCK (ID, `LOCKED`) values (1, 0)");
        statement.execute("""
                create table if not exists DATABASECHANGELOG (
                  ID varchar(255) not null, AUTHOR varchar(255) not null, FILENAME varchar(255) not null,
                  DATEEXECUTED datetime not null, ORDEREXECUTED int not null, EXECTYPE varchar(10) not null,
                  MD5SUM varchar(35) null, `DESCRIPTION` varchar(255) null, COMMENTS varchar(255) null,
                  TAG varchar(255) null, LIQUIBASE varchar(20) null, CONTEXTS varchar(255) null,
                  LABELS varchar(255) null, DEPLOYMENT_ID varchar(10) null,
                  constraint PK_DATABASECHANGELOG primary key (ID, AUTHOR, FILENAME))""");
        boolean keyed;
        try (ResultSet rs = statement.executeQuery("select count(*) from information_schema.table_constraints "
                + "where table_schema = database() and table_name = 'DATABASECHANGELOG' "
                + "and constraint_type = 'PRIMARY KEY'")) {
            rs.next();
            keyed = rs.getInt(1) > 0;
        }
        if (!keyed) {
            try {
                statement.execute("alter table DATABASECHANGELOG add constraint PK_DATABASECHANGELOG "
                        + "primary key (ID, AUTHOR, FILENAME)");
                log.info("Liquibase's DATABASECHANGELOG table was given its primary key");
            } catch (SQLException e) {
                if (e.getErrorCode() != PRIMARY_KEY_EXISTS) {
                    throw e;
                }
            }
        }
    }
}
