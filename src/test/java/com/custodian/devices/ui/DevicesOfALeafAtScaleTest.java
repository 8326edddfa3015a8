package com.custodian.devices.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DeviceRow;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Scope;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.BenchmarkData;
import com.custodian.users.BuiltInRole;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The Devices page of a person given App Operator in a leaf of a full tree (200 organizations, 5
 * levels) over 100,000 devices: it shows the leaf's devices only, and the MariaDB server's own count
 * of statements stays at two a page (the page, and where the person's role reaches) at any depth,
 * scrolled to the end and then filtered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.springframework.test.context.TestPropertySource(properties = "custodian.alerts.rules-check=1h")
class DevicesOfALeafAtScaleTest extends AbstractViewTest {

    static final int ORGANIZATIONS = 200;
    static final int DEVICES = 100_000;
    static final long FIRST_DEVICE = 64_000_000L;
    static final long PERSON = 64_900_000L;
    /** Erin, of the demo directory, holds no role otherwise. */
    static final String ERIN = "erin@contoso.test";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;

    private final List<UUID> organizations = new ArrayList<>();
    private UUID leaf;

    @BeforeAll
    void fill() {
        // 40 branches of 5 levels each: 200 organizations, the deepest the tree allows.
        for (int branch = 0; branch < ORGANIZATIONS / 5; branch++) {
            String path = "/" + Scope.ROOT;
            UUID parent = Scope.ROOT;
            for (int depth = 1; depth <= 5; depth++) {
                UUID id = UUID.nameUUIDFromBytes(("leaf-scale-" + branch + "-" + depth).getBytes());
                path += "/" + id;
                jdbc.update("insert into organization (id, parent_id, name, path, depth, created_at, version) values "
                        + "(?, ?, ?, ?, ?, now(), 0)", id.toString(), parent.toString(), "Scale " + branch + "." + depth,
                        path, depth);
                organizations.add(id);
                parent = id;
            }
        }
        leaf = organizations.get(ORGANIZATIONS - 1);
        String template = jdbc.queryForObject("select id from device_template order by name limit 1", String.class);
        for (int from = 0; from < DEVICES; from += 2000) {
            StringBuilder sql = new StringBuilder("insert into device (id, device_id, display_name, template_id, "
                    + "enabled, key_hash, key_created_at, created_at, version, organization_id) values ");
            for (int i = from; i < from + 2000; i++) {
                sql.append(i > from ? "," : "").append("(").append(FIRST_DEVICE + i).append(", 'leaf-scale-")
                        .append(i).append("', 'Leaf scale ").append(i).append("', '").append(template)
                        .append("', true, 'x', now(), timestampadd(second, ").append(i).append(", '2026-01-01'), 0, '")
                        .append(organizations.get(i % ORGANIZATIONS)).append("')");
            }
            jdbc.update(sql.toString());
        }
        UUID erin = directory.findPeopleByEmail(ERIN).getFirst().objectId();
        jdbc.update("insert into app_user (id, tenant_id, object_id, principal_type, added_at, version) values "
                + "(?, ?, ?, 'PERSON', now(), 0)", PERSON, directory.tenantId().toString(), erin.toString());
        jdbc.update("insert into role_assignment (user_id, role_id, organization_id) values (?, ?, ?)", PERSON,
                BuiltInRole.APP_OPERATOR.id().toString(), leaf.toString());
    }

    @AfterAll
    void empty() {
        jdbc.update("delete from app_user where id = ?", PERSON);
        jdbc.update("delete from device where id >= ? and id < ?", FIRST_DEVICE, FIRST_DEVICE + DEVICES);
        for (int depth = 5; depth >= 1; depth--) {
            jdbc.update("delete from organization where depth = ? and name like 'Scale %'", depth);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPageCostsTwoStatementsAndShowsTheLeafOnly() {
        signInAs(ERIN);
        UI.getCurrent().navigate("devices");
        Grid<DeviceRow> grid = _get(Grid.class, spec -> spec.withId("devices-grid"));
        long first = statements(() -> show(grid, 0));
        assertThat(first).as("the first page with its count: two statements each").isLessThanOrEqualTo(4);
        long inLeaf = DEVICES / ORGANIZATIONS;
        assertThat(size(grid)).as("the leaf's devices, of %,d", DEVICES).isEqualTo(inLeaf);
        assertThat(statements(() -> show(grid, (int) inLeaf - 50))).as("the last page").isLessThanOrEqualTo(2);
        for (int row = 0; row < 50; row++) {
            assertThat(grid.getDataCommunicator().getItem((int) inLeaf - 50 + row).organizationId()).isEqualTo(leaf);
        }
        TextField filter = _get(TextField.class, spec -> spec.withId("devices-filter"));
        assertThat(statements(() -> {
            filter.setValue("leaf-scale-99999");
            MockVaadin.clientRoundtrip(false);
        })).as("a filter after scrolling to the end").isLessThanOrEqualTo(4);
        assertThat(size(grid)).as("device 99,999 is in the leaf").isEqualTo(1);
        filter.setValue("leaf-scale-99998");
        MockVaadin.clientRoundtrip(false);
        assertThat(size(grid)).as("device 99,998 is in another organization").isZero();
    }

    private static void show(Grid<?> grid, int row) {
        grid.getDataCommunicator().setViewportRange(row, 50);
        MockVaadin.clientRoundtrip(false);
    }

    private static long size(Grid<?> grid) {
        return grid.getDataCommunicator().getItemCount();
    }

    private long statements(Runnable action) {
        long before = BenchmarkData.statementsRun(jdbc);
        action.run();
        return BenchmarkData.statementsRun(jdbc) - before;
    }
}
