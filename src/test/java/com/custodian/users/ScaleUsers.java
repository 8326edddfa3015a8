package com.custodian.users;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many application users, inserted straight into MariaDB with multi-row statements, in a tenant of
 * their own so they are removed in one statement. Their IDs lie far above what the sequence hands
 * out during a test run.
 */
public final class ScaleUsers {

    public static final long FIRST_ID = 50_000_000L;
    private static final int ROWS_PER_STATEMENT = 1000;

    public final UUID tenant = UUID.randomUUID();
    public final int count;
    private final JdbcTemplate jdbc;

    public ScaleUsers(JdbcTemplate jdbc, int count) {
        this.jdbc = jdbc;
        this.count = count;
    }

    /** Inserts the users, each holding App Operator (and every third App Builder too). */
    public long insert() {
        long started = System.nanoTime();
        for (int from = 0; from < count; from += ROWS_PER_STATEMENT) {
            int to = Math.min(from + ROWS_PER_STATEMENT, count);
            StringBuilder users = new StringBuilder("insert into app_user (id, tenant_id, object_id, principal_type, "
                    + "added_at, added_by, first_sign_in_at, last_sign_in_at, version) values ");
            StringBuilder roles = new StringBuilder("insert into role_assignment (user_id, role_id) values ");
            List<Object> roleArgs = new ArrayList<>();
            for (int i = from; i < to; i++) {
                long id = FIRST_ID + i;
                users.append(i > from ? "," : "").append("(").append(id).append(",'").append(tenant).append("','")
                        .append(UUID.randomUUID()).append("','").append(i % 20 == 0 ? "SERVICE_PRINCIPAL" : "PERSON")
                        .append("', timestampadd(second, ").append(i).append(", '2026-01-01 00:00:00'), null, null, null, 0)");
                roles.append(roleArgs.isEmpty() ? "" : ",").append("(?, ?)");
                roleArgs.add(id);
                roleArgs.add(BuiltInRole.APP_OPERATOR.id().toString());
                if (i % 3 == 0) {
                    roles.append(",(?, ?)");
                    roleArgs.add(id);
                    roleArgs.add(BuiltInRole.APP_BUILDER.id().toString());
                }
            }
            jdbc.update(users.toString());
            jdbc.update(roles.toString(), roleArgs.toArray());
        }
        return System.nanoTime() - started;
    }

    public List<Long> ids(int offset, int howMany) {
        List<Long> ids = new ArrayList<>(howMany);
        for (int i = offset; i < offset + howMany; i++) {
            ids.add(FIRST_ID + i);
        }
        return ids;
    }

    public void remove() {
        jdbc.update("delete from role_assignment where user_id >= ?", FIRST_ID);
        jdbc.update("delete from app_user where tenant_id = ?", tenant.toString());
    }
}
