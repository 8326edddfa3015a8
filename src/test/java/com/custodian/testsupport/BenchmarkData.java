package com.custodian.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the benchmarks put in the database straight, and what they count there. */
public final class BenchmarkData {

    private BenchmarkData() {
    }

    /** Enabled rules on all devices named {@code prefix + n}, with IDs from {@code firstId}, each mailing everyone given. */
    public static void insertRules(JdbcTemplate jdbc, long firstId, int count, String prefix, String... recipients) {
        List<Object[]> rules = new ArrayList<>();
        List<Object[]> addresses = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            rules.add(new Object[] {firstId + r, prefix + r});
            for (String recipient : recipients) {
                addresses.add(new Object[] {firstId + r, recipient});
            }
        }
        jdbc.batchUpdate("insert into alert_rule (id, name, enabled, target_kind, match_mode, aggregation, created_at, "
                + "updated_at, version) values (?, ?, true, 'ALL', 'ALL', 'NONE', now(), now(), 0)", rules);
        jdbc.batchUpdate("insert into alert_recipient (rule_id, email) values (?, ?)", addresses);
    }

    /**
     * {@code count} rows inserted straight, {@code perStatement} in each multi-row statement:
     * {@code insert} is the statement up to its {@code values}, {@code row} the parenthesized values of row i.
     */
    public static void insertRows(JdbcTemplate jdbc, int count, int perStatement, String insert, IntFunction<String> row) {
        for (int from = 0; from < count; from += perStatement) {
            StringBuilder sql = new StringBuilder(insert);
            for (int i = from; i < Math.min(count, from + perStatement); i++) {
                sql.append(i > from ? "," : "").append(row.apply(i));
            }
            jdbc.update(sql.toString());
        }
    }

    private static final String COUNTED = "('Com_select', 'Com_insert', 'Com_update', 'Com_delete', "
            + "'Com_delete_multi', 'Com_update_multi')";

    /** The statements the MariaDB server has run so far, counted by the server itself. */
    public static long statementsRun(JdbcTemplate jdbc) {
        return sum(jdbc, "show global status where variable_name in " + COUNTED);
    }

    /**
     * The statements {@code work} runs, counted by the server on the connection of a transaction
     * that the work joins; so what other threads run meanwhile (the recurring jobs) is not counted,
     * as it is by {@link #statementsRun}. The transaction commits. The work must flush what it
     * leaves to the commit, and counts nothing it runs in a transaction of its own.
     */
    public static long statementsOf(PlatformTransactionManager transactions, JdbcTemplate jdbc, Runnable work) {
        return new TransactionTemplate(transactions).execute(status -> {
            long first = sessionStatements(jdbc);
            long counting = sessionStatements(jdbc) - first; // what the count itself adds
            long before = sessionStatements(jdbc);
            work.run();
            return sessionStatements(jdbc) - before - counting;
        });
    }

    private static long sessionStatements(JdbcTemplate jdbc) {
        return sum(jdbc, "show session status where variable_name in " + COUNTED);
    }

    private static long sum(JdbcTemplate jdbc, String statusQuery) {
        return jdbc.queryForList(statusQuery).stream()
                .mapToLong(row -> Long.parseLong(String.valueOf(row.get("Value")))).sum();
    }
}
