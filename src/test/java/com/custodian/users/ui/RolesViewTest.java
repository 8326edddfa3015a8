package com.custodian.users.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.security.Permission;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.LitCells;
import com.custodian.testsupport.SignIn;
import com.custodian.users.RoleRow;
import com.custodian.users.TestUsers;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;

/** The Roles page: built-in roles fixed, custom roles created, refused and deleted. */
class RolesViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;

    private Grid<RoleRow> grid;
    private Long holder;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void openRolesPage() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(RolesView.class);
        grid = _get(Grid.class, spec -> spec.withId("roles-grid"));
    }

    @AfterEach
    void cleanUp() {
        if (holder != null) {
            new TestUsers(context).remove(holder);
        }
        jdbc.update("delete from app_role where name like 'Karibu %'");
    }

    @Test
    void listsTheBuiltInRolesWithoutActions() {
        assertThat(_size(grid)).isGreaterThanOrEqualTo(3);
        assertThat(_get(grid, 0).builtIn()).isTrue();
        assertThat(LitCells.property(grid, 0, "actions", "builtIn")).as("the menu is hidden").isEqualTo(true);
        assertThat(LitCells.property(grid, 0, "kind", "kind")).isEqualTo("Built-in");
    }

    @Test
    void createsACustomRoleAndSaysWhatIsWrongFirst() {
        Toolbars.click("new-role");
        RoleDialog dialog = _get(RoleDialog.class);
        dialog.name.setValue("Karibu auditors");
        _click(dialog.save);
        assertThat(dialog.permissions.isInvalid()).isTrue();
        assertThat(dialog.permissions.getErrorMessage()).isEqualTo("Choose at least one permission.");

        dialog.name.setValue("App Operator");
        dialog.permissions.setValue(Set.of(Permission.VIEW_AUDIT_TRAIL));
        _click(dialog.save);
        assertThat(dialog.name.getErrorMessage()).isEqualTo("A role named \u201cApp Operator\u201d exists already.");

        dialog.name.setValue("Karibu auditors");
        _click(dialog.save);
        expectNotifications("Role Karibu auditors saved.");
        assertThat(rowNamed("Karibu auditors").permissions()).containsExactly(Permission.VIEW_AUDIT_TRAIL);
    }

    @Test
    void aRoleStillHeldIsNotDeleted() {
        Toolbars.click("new-role");
        RoleDialog dialog = _get(RoleDialog.class);
        dialog.name.setValue("Karibu watchers");
        dialog.permissions.setValue(Set.of(Permission.VIEW_ALERT_RULES));
        _click(dialog.save);
        RoleRow watchers = rowNamed("Karibu watchers");
        holder = new TestUsers(context).addWithRole(new Identity(directory.tenantId(), UUID.randomUUID()), watchers.id());
        UI.getCurrent().navigate(RolesView.class);

        int watchersRow = indexOf("Karibu watchers");
        assertThat(LitCells.property(grid, watchersRow, "actions", "builtIn")).isEqualTo(false);
        assertThat(LitCells.property(grid, watchersRow, "kind", "kind")).isEqualTo("Custom");
        // The menu's button is named for the role; its items say what they do.
        assertThat(LitCells.property(grid, watchersRow, "actions", "actionsLabel"))
                .isEqualTo("Actions for role Karibu watchers");
        assertThat(LitCells.property(grid, watchersRow, "actions", "editLabel")).isEqualTo("Edit\u2026");
        assertThat(LitCells.property(grid, watchersRow, "actions", "deleteLabel")).isEqualTo("Delete");
        LitCells.click(grid, watchersRow, "actions", "editRole");
        RoleDialog edit = _get(RoleDialog.class);
        assertThat(edit.name.getValue()).isEqualTo("Karibu watchers");
        edit.close();
        LitCells.click(grid, watchersRow, "actions", "deleteRole");
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-delete-role"));
        ComponentUtil.fireEvent(confirm, new ConfirmDialog.ConfirmEvent(confirm, false));
        confirm.close();

        expectNotifications("Role Karibu watchers saved.",
                "\u201cKaribu watchers\u201d is held by 1 user: change their roles first.");
        assertThat(rowNamed("Karibu watchers")).isNotNull();
    }

    private RoleRow rowNamed(String name) {
        return _get(grid, indexOf(name));
    }

    private int indexOf(String name) {
        for (int row = 0; row < _size(grid); row++) {
            if (_get(grid, row).name().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no role " + name);
    }
}
