package com.custodian.testsupport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a Galera cluster asks of every table of the current database, read from the server's catalogue. */
public final class GaleraRules {

    private GaleraRules() {
    }

    /** Tables without a primary key: Galera cannot certify or apply their rows reliably. */
    public static List<String> tablesWithoutPrimaryKey(Statement statement) throws SQLException {
        return names(statement, """
                select t.table_name from information_schema.tables t
                where t.table_schema = database() and t.table_type = 'BASE TABLE' and not exists (
                  select 1 from information_schema.table_constraints c where c.table_schema = t.table_schema
                  and c.table_name = t.table_name and c.constraint_type = 'PRIMARY KEY')""");
    }

    /** Tables (and sequences) of another engine than InnoDB: Galera replicates only InnoDB. */
    public static List<String> tablesNotInnoDb(Statement statement) throws SQLException {
        return names(statement, "select table_name from information_schema.tables where table_schema = database() "
                + "and table_type in ('BASE TABLE', 'SEQUENCE') and engine <> 'InnoDB'");
    }

    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
