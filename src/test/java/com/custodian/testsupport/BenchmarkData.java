package com.custodian.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.springframework.jdbc.core.JdbcTemplate;

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

    /** The statements the MariaDB server has run so far, counted by the server itself. */
    public static long statementsRun(JdbcTemplate jdbc) {
        return jdbc.queryForList("show global status where variable_name in "
                + "('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_delete_multi', 'Com_update_multi')")
                .stream().mapToLong(row -> Long.parseLong(String.valueOf(row.get("Value")))).sum();
    }
}
