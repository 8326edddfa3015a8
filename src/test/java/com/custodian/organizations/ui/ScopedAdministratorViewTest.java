package com.custodian.organizations.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.base.ui.AccessDeniedView;
import com.custodian.devices.DeviceRow;
import com.custodian.directory.DirectoryService;
import com.custodian.organizations.OrganizationRow;
import com.custodian.security.Scope;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.users.BuiltInRole;
import com.custodian.users.RoleSummary;
import com.custodian.users.UserRow;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;

/**
 * The console as an administrator of one organization sees it: Frank manages users, devices and
 * alert rules in "View test Europe" (and its "View test Berlin"). The Users page lists only the
 * people of those organizations, its dialogs offer only those organizations and the roles he may
 * give there, the Devices page shows only their devices, and the pages of the whole application
 * (organizations, data requests, audit trail) refuse him.
 */
class ScopedAdministratorViewTest extends AbstractViewTest {

    static final UUID EUROPE = UUID.fromString("5c0e0000-0000-4000-8000-0000000000f1");
    static final UUID BERLIN = UUID.fromString("5c0e0000-0000-4000-8000-0000000000f2");
    static final String ROLE = "5c0e0000-0000-4000-8000-0000000000f9";
    static final String FRANK = "frank@contoso.test";
    static final String ERIN = "erin@contoso.test";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;

    @BeforeEach
    void anAdministratorOfEurope() {
        jdbc.update("insert into organization (id, parent_id, name, path, depth, created_at, version) values "
                + "(?, ?, 'View test Europe', ?, 1, now(), 0)", EUROPE.toString(), Scope.ROOT.toString(),
                "/" + Scope.ROOT + "/" + EUROPE);
        jdbc.update("insert into organization (id, parent_id, name, path, depth, created_at, version) values "
                + "(?, ?, 'View test Berlin', ?, 2, now(), 0)", BERLIN.toString(), EUROPE.toString(),
                "/" + Scope.ROOT + "/" + EUROPE + "/" + BERLIN);
        jdbc.update("insert into app_role (id, name, built_in, created_at, version) values (?, 'View test manager', "
                + "false, now(), 0)", ROLE);
        for (String permission : List.of("MANAGE_USERS", "VIEW_DEVICES", "MANAGE_DEVICES", "DELETE_DEVICES", "VIEW_ALERT_RULES",
                "MANAGE_ALERT_RULES", "MANAGE_DATA_REQUESTS", "VIEW_AUDIT_TRAIL", "MANAGE_ORGANIZATIONS")) {
            jdbc.update("insert into role_permission (role_id, permission) values (?, ?)", ROLE, permission);
        }
        person(72_000_001, FRANK, ROLE, EUROPE);
        person(72_000_002, ERIN, BuiltInRole.APP_OPERATOR.id().toString(), BERLIN);
        String template = jdbc.queryForObject("select id from device_template order by name limit 1", String.class);
        jdbc.update("insert into device (id, device_id, display_name, template_id, enabled, key_hash, key_created_at, "
                + "created_at, version, organization_id) values (72000001, 'view-test-berlin', 'View test', ?, true, "
                + "'x', now(), now(), 0, ?)", template, BERLIN.toString());
        signInAs(FRANK);
    }

    private void person(long id, String email, String role, UUID organization) {
        UUID objectId = directory.findPeopleByEmail(email).getFirst().objectId();
        jdbc.update("insert into app_user (id, tenant_id, object_id, principal_type, added_at, version) values "
                + "(?, ?, ?, 'PERSON', now(), 0)", id, directory.tenantId().toString(), objectId.toString());
        jdbc.update("insert into role_assignment (user_id, role_id, organization_id) values (?, ?, ?)", id, role,
                organization.toString());
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from device where id = 72000001");
        jdbc.update("delete from app_user where id in (72000001, 72000002)");
        jdbc.update("delete from role_permission where role_id = ?", ROLE);
        jdbc.update("delete from app_role where id = ?", ROLE);
        jdbc.update("delete from organization where id = ?", BERLIN.toString());
        jdbc.update("delete from organization where id = ?", EUROPE.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUsersPageShowsAndOffersOnlyHisOrganizations() {
        UI.getCurrent().navigate("users");
        Grid<UserRow> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < com.github.mvysny.kaributesting.v10.GridKt._size(grid); row++) {
            rows.add(String.join(" | ", com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(grid, row)));
        }
        assertThat(rows).hasSize(2);
        assertThat(String.join("\n", rows)).contains("frank@contoso.test", "View test manager in View test Europe",
                "erin@contoso.test", "App Operator in View test Berlin").doesNotContain("admin@contoso.test");

        Toolbars.click("assign-user");
        ComboBox<OrganizationRow> organization = _get(ComboBox.class, spec -> spec.withId("assign-roles-organization"));
        assertThat(organization.getListDataView().getItems().map(OrganizationRow::name))
                .containsExactly("View test Europe", "View test Berlin");
        assertThat(organization.getValue().name()).as("his own, as the root is not his").isEqualTo("View test Europe");
        CheckboxGroup<RoleSummary> roles = _get(CheckboxGroup.class, spec -> spec.withId("assign-roles"));
        assertThat(roles.getListDataView().getItems().map(RoleSummary::id))
                .contains(BuiltInRole.APP_OPERATOR.id())
                .doesNotContain(BuiltInRole.APP_ADMINISTRATOR.id(), UUID.fromString(ROLE));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDevicesPageShowsHisDevicesAndTheApplicationsPagesRefuseHim() {
        UI.getCurrent().navigate("devices");
        Grid<DeviceRow> grid = _get(Grid.class, spec -> spec.withId("devices-grid"));
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._size(grid)).isEqualTo(1);
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._get(grid, 0).deviceId()).isEqualTo("view-test-berlin");
        ComboBox<OrganizationRow> filter = _get(ComboBox.class, spec -> spec.withId("devices-organization"));
        assertThat(filter.getListDataView().getItems().map(OrganizationRow::name))
                .containsExactly("View test Europe", "View test Berlin");

        for (String page : List.of("organizations", "data-requests", "audit-trail")) {
            UI.getCurrent().navigate(page);
            assertThat(UI.getCurrent().getCurrentView()).as(page).isInstanceOf(AccessDeniedView.class);
        }
        UI.getCurrent().navigate("devices/sensor-lobby-01");
        assertThat(UI.getCurrent().getCurrentView()).as("a Seattle device")
                .isInstanceOf(com.custodian.base.ui.NotFoundView.class);
    }
}
