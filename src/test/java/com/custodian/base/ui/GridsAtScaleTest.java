package com.custodian.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.BenchmarkData;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.ScaleUsers;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Every grid that can grow large, filled far beyond a page and used as a person would: opened,
 * scrolled to the end, then filtered. Each knows how many rows match (its scrollbar spans them all),
 * and the MariaDB server's own count of statements stays bounded: a page at any depth costs at most
 * two (three for alert recipients, whose users are checked per page), a filter change at most three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The server counts every connection's statements: the rules' reload (every 5 s) is kept out of the way.
@org.springframework.test.context.TestPropertySource(properties = "custodian.alerts.rules-check=1h")
class GridsAtScaleTest extends AbstractViewTest {

    static final int USERS = 100_000;
    static final int DEVICES = 20_000;
    static final int POINTS = 100_000;
    static final int AUDIT_ENTRIES = 100_000;
    static final int REQUESTS = 2_000;
    static final int ADDRESSES = 5_000;
    static final long FIRST_DEVICE = 60_000_000L;
    static final long FIRST_RULE = 61_000_000L;
    static final long FIRST_REQUEST = 62_000_000L;

    @Autowired
    JdbcTemplate jdbc;

    private ScaleUsers users;
    private long firstAuditEntry;

    @BeforeAll
    void fill() {
        users = new ScaleUsers(jdbc, USERS);
        users.insert();
        String template = jdbc.queryForObject("select id from device_template order by name limit 1", String.class);
        rows(DEVICES, 1000, "insert into device (id, device_id, display_name, template_id, enabled, key_hash, "
                + "key_created_at, created_at, version) values ", i -> "(" + (FIRST_DEVICE + i) + ", 'scale-" + i
                        + "', 'Scale device " + i + "', '" + template + "', true, 'x', now(), "
                        + "timestampadd(second, " + i + ", '2026-01-01'), 0)");
        rows(POINTS, 2000, "insert into telemetry (device_ref, field, ts, num_value) values ",
                i -> "(" + FIRST_DEVICE + ", 'temperature', timestampadd(second, " + i + ", '2026-11-01'), " + i % 40 + ")");
        firstAuditEntry = jdbc.queryForObject("select coalesce(max(id), 0) + 1 from audit_entry", Long.class);
        rows(AUDIT_ENTRIES, 2000, "insert into audit_entry (at, actor, action, target, outcome) values ",
                i -> "(timestampadd(second, " + i + ", '2026-10-01'), '" + UUID.nameUUIDFromBytes(("a" + i % 50).getBytes())
                        + "', '" + (i % 10 == 0 ? "scale.rare" : "scale.common") + "', 'scale-" + i + "', 'DONE')");
        rows(REQUESTS, 500, "insert into data_request (id, reference, request_type, subject_kind, subject, subject_salt, "
                + "subject_hash, received_on, due_on, extended_months, status, opened_by, opened_at, version) values ",
                i -> "(" + (FIRST_REQUEST + i) + ", 'SCALE-" + i + "', 'ACCESS', 'PERSON', 'p" + i
                        + "@example.test', 's', 'h', '2026-11-01', '2026-12-01', 0, 'OPEN', '"
                        + UUID.randomUUID() + "', now(), 0)");
        BenchmarkData.insertRules(jdbc, FIRST_RULE, 100, "Scale rule ");
        rows(ADDRESSES, 1000, "insert into alert_recipient (rule_id, email) values ",
                i -> "(" + (FIRST_RULE + i % 100) + ", 'person" + i + "@scale.example')");
    }

    @AfterAll
    void empty() {
        jdbc.update("delete from alert_rule where id >= ?", FIRST_RULE);
        jdbc.update("delete from data_request where id >= ?", FIRST_REQUEST);
        jdbc.update("delete from audit_entry where id >= ? and action like 'scale.%'", firstAuditEntry);
        jdbc.update("delete from device where id >= ?", FIRST_DEVICE);
        users.remove();
    }

    @Test
    void users() {
        signInAs(SignIn.ADMIN);
        Grid<?> grid = open("users", "users-grid");
        long total = jdbc.queryForObject("select count(*) from app_user", Long.class);
        assertThat(statements(() -> show(grid, 0))).as("first page with its count").isLessThanOrEqualTo(3);
        assertThat(size(grid)).as("the scrollbar spans every user").isEqualTo(total);
        assertThat(statements(() -> show(grid, 99_950))).as("a page at row 99,950").isLessThanOrEqualTo(2);
        assertThat(statements(() -> show(grid, (int) total - 50))).as("the last page").isLessThanOrEqualTo(2);

        @SuppressWarnings("unchecked")
        ComboBox<Object> role = _get(ComboBox.class, spec -> spec.withId("users-filter-role"));
        Object builder = role.getListDataView().getItems()
                .filter(item -> item.toString().contains(BuiltInRole.APP_BUILDER.id().toString())).findFirst()
                .orElseThrow();
        assertThat(statements(() -> {
            role.setValue(builder);
            flush(grid);
        })).as("a role filter after scrolling to the end").isLessThanOrEqualTo(3);
        assertThat(size(grid)).isEqualTo(jdbc.queryForObject("select count(*) from role_assignment where role_id = ?",
                Long.class, BuiltInRole.APP_BUILDER.id().toString()));
        role.clear();
        show(grid, 50_000);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Grid.Column<Object> lastSignIn = (Grid.Column) grid.getColumnByKey("last-sign-in");
        assertThat(statements(() -> {
            ((Grid<Object>) (Grid) grid).sort(java.util.List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(
                    lastSignIn, com.vaadin.flow.data.provider.SortDirection.DESCENDING)));
            flush(grid);
        })).as("a sort change deep in the list").isLessThanOrEqualTo(3);
        TextField text = _get(TextField.class, spec -> spec.withId("users-filter"));
        assertThat(statements(() -> {
            text.setValue("admin");
            flush(grid);
        })).as("a text filter").isLessThanOrEqualTo(3);
        assertThat(size(grid)).isEqualTo(1);
    }

    @Test
    void devicesAndTheirTelemetry() {
        signInAs(SignIn.ADMIN);
        Grid<?> grid = open("devices", "devices-grid");
        assertThat(statements(() -> show(grid, 0))).isLessThanOrEqualTo(3);
        assertThat(size(grid)).isGreaterThanOrEqualTo(DEVICES);
        assertThat(statements(() -> show(grid, DEVICES - 50))).as("a deep page").isLessThanOrEqualTo(2);
        TextField filter = _get(TextField.class, spec -> spec.withId("devices-filter"));
        assertThat(statements(() -> {
            filter.setValue("scale-19999");
            flush(grid);
        })).as("a filter after scrolling").isLessThanOrEqualTo(3);
        assertThat(size(grid)).isEqualTo(1);

        UI.getCurrent().navigate("devices/scale-0");
        @SuppressWarnings("unchecked")
        Grid<Object> raw = (Grid<Object>) _get(Grid.class, spec -> spec.withId("device-telemetry"));
        flush(raw);
        assertThat(size(raw)).as("every value of the device").isEqualTo(POINTS);
        assertThat(statements(() -> show(raw, POINTS - 50))).as("the oldest values").isLessThanOrEqualTo(2);
    }

    @Test
    void auditTrail() {
        signInAs(SignIn.ADMIN);
        Grid<?> grid = open("audit-trail", "audit-grid");
        flush(grid);
        assertThat(size(grid)).isGreaterThanOrEqualTo(AUDIT_ENTRIES);
        assertThat(statements(() -> show(grid, AUDIT_ENTRIES - 50))).as("a deep page").isLessThanOrEqualTo(2);
        @SuppressWarnings("unchecked")
        ComboBox<String> action = _get(ComboBox.class, spec -> spec.withId("audit-action"));
        assertThat(statements(() -> {
            action.setValue("scale.rare");
            flush(grid);
        })).as("an action filter after scrolling").isLessThanOrEqualTo(3);
        assertThat(size(grid)).isEqualTo(AUDIT_ENTRIES / 10);
    }

    @Test
    void dataRequests() {
        signInAs(SignIn.ADMIN);
        Grid<?> grid = open("data-requests", "requests-grid");
        flush(grid);
        assertThat(size(grid)).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(statements(() -> show(grid, REQUESTS - 50))).as("a deep page").isLessThanOrEqualTo(2);
    }

    @Test
    void alertRecipients() {
        signInAs(SignIn.ADMIN);
        Grid<?> grid = open("alert-recipients", "recipients-grid");
        flush(grid);
        assertThat(size(grid)).isGreaterThanOrEqualTo(ADDRESSES);
        assertThat(statements(() -> show(grid, ADDRESSES - 50))).as("a deep page").isLessThanOrEqualTo(2);
        TextField filter = _get(TextField.class, spec -> spec.withId("recipients-filter"));
        assertThat(statements(() -> {
            filter.setValue("person4999@");
            flush(grid);
        })).as("a filter after scrolling").isLessThanOrEqualTo(3);
        assertThat(size(grid)).isEqualTo(1);
        assertThat(statements(() -> {
            filter.setValue("Scale rule 7");
            flush(grid);
        })).as("by a rule's name").isLessThanOrEqualTo(3);
        assertThat(size(grid)).as("the addresses of rules 7 and 70 to 79").isEqualTo(11 * ADDRESSES / 100);
    }

    private Grid<?> open(String route, String gridId) {
        UI.getCurrent().navigate(route);
        return _get(Grid.class, spec -> spec.withId(gridId));
    }

    /** What the browser does when the grid's viewport moves there: the rows of that range are sent. */
    private static void show(Grid<?> grid, int row) {
        grid.getDataCommunicator().setViewportRange(row, 50);
        flush(grid);
    }

    private static void flush(Grid<?> grid) {
        MockVaadin.clientRoundtrip(false);
    }

    private static long size(Grid<?> grid) {
        assertThat(grid.getDataCommunicator().isDefinedSize()).as("the grid knows its size").isTrue();
        return grid.getDataCommunicator().getItemCount();
    }

    /** The statements the server ran for the action (no background job runs meanwhile: see the class). */
    private long statements(Runnable action) {
        long before = BenchmarkData.statementsRun(jdbc);
        action.run();
        return BenchmarkData.statementsRun(jdbc) - before;
    }

    private void rows(int count, int perStatement, String insert, java.util.function.IntFunction<String> row) {
        BenchmarkData.insertRows(jdbc, count, perStatement, insert, row);
    }
}
