package com.custodian.users.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.ContextMenuKt._clickItemWithCaption;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.clearNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.base.ui.MarkupButton;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.LitCells;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.RoleSummary;
import com.custodian.users.TestUsers;
import com.custodian.users.UserRow;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;

/** The Users page's actions, as an administrator uses them. */
class UsersAdminViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;

    private final List<Long> added = new ArrayList<>();
    private Grid<UserRow> grid;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void openUsersPage() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        grid = _get(Grid.class, spec -> spec.withId("users-grid"));
    }

    @AfterEach
    void cleanUp() {
        added.forEach(new TestUsers(context)::remove);
        jdbc.update("delete from app_user where object_id = ?", "3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04");
    }

    @Test
    void assignsAPersonByEmail() {
        AssignUserDialog dialog = openAssignDialog();
        dialog.identifier.setValue("dana@contoso.test");
        dialog.roles.setValue(Set.of(role(dialog.roles, BuiltInRole.APP_OPERATOR)));
        _click(dialog.assign);

        expectNotifications("dana@contoso.test is now a user of the application.");
        assertThat(dialog.isOpened()).isFalse();
        assertThat(emails()).contains("dana@contoso.test");
    }

    @Test
    void assignsAGroupFoundByTheStartOfItsNameAndShowsItsMembersWhoSignedIn() {
        Toolbars.click("assign-group");
        AssignGroupDialog dialog = _get(AssignGroupDialog.class);
        com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput(dialog.group, "c");
        assertThat(com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestions(dialog.group))
                .as("one letter finds nothing yet").isEmpty();
        com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput(dialog.group, "contoso");
        assertThat(com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestions(dialog.group))
                .containsExactly("Contoso Operators", "Contoso Privacy Team");
        _click(dialog.assign);
        assertThat(dialog.group.getErrorMessage()).isEqualTo("Choose a group.");
        com.github.mvysny.kaributesting.v10.ComboBoxKt.selectByLabel(dialog.group, "Contoso Operators");
        dialog.roles.setValue(Set.of(role(dialog.roles, BuiltInRole.APP_OPERATOR)));
        _click(dialog.assign);

        expectNotifications("Contoso Operators is now a user of the application.");
        grid.getDataProvider().refreshAll();
        int row = -1;
        for (int i = 0; i < _size(grid); i++) {
            if (row(i).isGroup()) {
                row = i;
            }
        }
        added.add(row(row).id());
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(grid, row, "type")).isEqualTo("Group · 1 person");
        assertThat(LitCells.property(grid, row, "email", "text"))
                .isEqualTo(com.custodian.directory.local.LocalDirectory.CONTOSO_OPERATORS.toString());

        context.getBean(com.custodian.security.SignInAccess.class).signIn(new Identity(directory.tenantId(),
                UUID.fromString("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04")), com.custodian.security.GroupClaim.UNKNOWN);
        LitCells.click(grid, row, "actions", "showGroup");
        GroupDialog group = _get(GroupDialog.class);
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("group-member-count")).getText())
                .isEqualTo("1 person");
        assertThat(_get(com.vaadin.flow.component.html.H3.class).getText())
                .isEqualTo("1 person signed in through this group");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(group.members, 0))
                .contains("dana@contoso.test", "Dana Whitfield");
        _click(_get(Button.class, spec -> spec.withId("group-change-roles")));
        assertThat(_get(ChangeRolesDialog.class).isOpened()).isTrue();
    }

    @Test
    void saysWhyAGroupCannotBeAssigned() {
        new TestUsers(context).addGroup(new Identity(directory.tenantId(),
                com.custodian.directory.local.LocalDirectory.PRIVACY_TEAM), BuiltInRole.APP_BUILDER);
        added.add(rowIdOfGroup());
        Toolbars.click("assign-group");
        AssignGroupDialog dialog = _get(AssignGroupDialog.class);
        com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput(dialog.group, "Contoso Privacy");
        com.github.mvysny.kaributesting.v10.ComboBoxKt.selectByLabel(dialog.group, "Contoso Privacy Team");
        _click(dialog.assign);
        assertThat(dialog.roles.getErrorMessage()).isEqualTo("Choose at least one role.");
        dialog.roles.setValue(Set.of(role(dialog.roles, BuiltInRole.APP_OPERATOR)));
        _click(dialog.assign);
        assertThat(dialog.group.getErrorMessage())
                .isEqualTo("Contoso Privacy Team is already a user of the application. Change their roles instead.");
        assertThat(dialog.isOpened()).isTrue();
    }

    private long rowIdOfGroup() {
        grid.getDataProvider().refreshAll();
        for (int i = 0; i < _size(grid); i++) {
            if (row(i).isGroup()) {
                return row(i).id();
            }
        }
        throw new AssertionError("no group listed");
    }

    @Test
    void saysWhyAnAssignmentIsRefusedNextToTheField() {
        AssignUserDialog dialog = openAssignDialog();
        dialog.roles.setValue(Set.of(role(dialog.roles, BuiltInRole.APP_OPERATOR)));

        assertFieldError(dialog, "nobody@contoso.test", "Nobody in the directory has the email address nobody@contoso.test.");
        assertFieldError(dialog, "not an email", "\u201cnot an email\u201d is not an email address.");
        assertFieldError(dialog, "operator@contoso.test",
                "operator@contoso.test is already a user of the application. Change their roles instead.");

        dialog.identifier.setValue("dana@contoso.test");
        dialog.roles.clear();
        _click(dialog.assign);
        assertThat(dialog.roles.isInvalid()).isTrue();
        assertThat(dialog.roles.getErrorMessage()).isEqualTo("Choose at least one role.");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(emails()).doesNotContain("dana@contoso.test");
    }

    @Test
    void changesRolesFromTheRowMenu() {
        long id = add(BuiltInRole.APP_OPERATOR);
        grid.getDataProvider().refreshAll();
        int row = rowOf(id);
        LitCells.click(grid, row, "actions", "changeRoles");

        ChangeRolesDialog dialog = _get(ChangeRolesDialog.class);
        dialog.roles.setValue(Set.of(role(dialog.roles, BuiltInRole.APP_BUILDER)));
        _click(dialog.save);

        assertThat(row(rowOf(id)).roles()).extracting(RoleSummary::id)
                .containsExactly(BuiltInRole.APP_BUILDER.id());
    }

    @Test
    void givesRolesInAnOrganizationAndChangesThemThere() {
        AssignUserDialog dialog = openAssignDialog();
        assertThat(dialog.form().organization.isVisible()).as("the administrator manages users everywhere").isTrue();
        assertThat(dialog.form().organization.getValue().isRoot()).as("the root unless chosen").isTrue();
        dialog.form().organization.clear();
        assertThat(dialog.roles.getListDataView().getItems()).as("no organization, no roles to offer").isEmpty();
        dialog.identifier.setValue("dana@contoso.test");
        _click(dialog.assign);
        assertThat(dialog.form().organization.getErrorMessage()).isEqualTo("Choose an organization.");
        assertThat(dialog.isOpened()).isTrue();
        com.github.mvysny.kaributesting.v10.ComboBoxKt.selectByLabel(dialog.form().organization, "Berlin");
        assertThat(dialog.roles.getListDataView().getItems().map(RoleSummary::id))
                .as("below the root, no role with permissions of the whole application")
                .contains(BuiltInRole.APP_OPERATOR.id()).doesNotContain(BuiltInRole.APP_ADMINISTRATOR.id());
        dialog.identifier.setValue("dana@contoso.test");
        dialog.roles.setValue(Set.of(role(dialog.roles, BuiltInRole.APP_OPERATOR)));
        _click(dialog.assign);
        assertThat(dialog.isOpened()).isFalse();

        int row = -1;
        for (int i = 0; i < _size(grid); i++) {
            if ("dana@contoso.test".equals(row(i).email())) {
                row = i;
            }
        }
        assertThat(grid.getColumnByKey("roles").getRenderer()).isNotNull();
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(grid, row))
                .contains("App Operator in Berlin");

        LitCells.click(grid, row, "actions", "changeRoles");
        ChangeRolesDialog change = _get(ChangeRolesDialog.class);
        assertThat(change.organization.getValue().name()).as("opens where they hold roles").isEqualTo("Berlin");
        assertThat(change.roles.getValue()).extracting(RoleSummary::id).containsExactly(BuiltInRole.APP_OPERATOR.id());
        change.roles.setValue(Set.of(role(change.roles, BuiltInRole.APP_BUILDER)));
        _click(change.save);
        assertThat(jdbc.queryForList("select r.organization_id from role_assignment r join app_user u on u.id = r.user_id "
                + "where u.object_id = ?", String.class, "3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04"))
                .containsExactly(com.custodian.organizations.DemoOrganizations.BERLIN.toString());
    }

    @Test
    void deletesSeveralUsersAfterConfirmingAndNothingOnCancel() {
        long one = add(BuiltInRole.APP_OPERATOR);
        long two = add(BuiltInRole.APP_BUILDER);
        grid.getDataProvider().refreshAll();
        grid.select(row(rowOf(one)));
        grid.select(row(rowOf(two)));
        MarkupButton delete = _get(MarkupButton.class, spec -> spec.withId("delete-users"));
        assertThat(delete.getText()).isEqualTo("Delete (2)");

        Toolbars.click("delete-users");
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-delete"));
        assertThat(confirm.getElement().getProperty("header")).isEqualTo("Delete 2 users?");
        answer(confirm, false);
        assertThat(rowOf(one)).isNotNegative();

        Toolbars.click("delete-users");
        confirm = _find(ConfirmDialog.class, spec -> spec.withId("confirm-delete")).getLast();
        answer(confirm, true);

        expectNotifications("2 users were deleted.");
        assertThat(rowOf(one)).isNegative();
        assertThat(rowOf(two)).isNegative();
        assertThat(delete.isEnabled()).as("nothing is selected any more").isFalse();
        added.clear();
    }

    @Test
    void refusesToDeleteTheLastAdministrator() {
        int me = -1;
        for (int row = 0; row < _size(grid); row++) {
            if ("admin@contoso.test".equals(row(row).email())) {
                me = row;
            }
        }
        LitCells.click(grid, me, "actions", "deleteUser");
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-delete"));
        answer(confirm, true);
        ConfirmDialog self = _get(ConfirmDialog.class, spec -> spec.withId("confirm-delete-self"));
        answer(self, true);

        expectNotifications("Refused: the application would be left without a person holding App Administrator directly in the root organization. Groups do not count here, as their membership changes in Microsoft Entra ID without Custodian knowing.");
        assertThat(emails()).contains("admin@contoso.test");
    }

    @Test
    void exportFollowsTheSelection() {
        MarkupButton export = _get(MarkupButton.class, spec -> spec.withId("export-users"));
        assertThat(export.isEnabled()).isFalse();
        grid.select(row(0));
        assertThat(export.isEnabled()).isTrue();
        assertThat(export.getText()).isEqualTo("Export (1)");
        UsersView view = (UsersView) UI.getCurrent().getCurrentView();
        assertThat(view.exportFormats.isMade()).as("made when the menu first opens").isFalse();
        assertThat(view.exportFormats.makeItems().getItems()).extracting(item -> item.getChildren().findFirst()
                .map(child -> child.getId().orElse(child.getElement().getText())).orElse(item.getText()))
                .containsExactly("export-selected-csv", "export-selected-json", "Copy to clipboard");
        assertThat(view.exportAllFormats.makeItems().getItems())
                .extracting(item -> item.getChildren().findFirst().flatMap(child -> child.getId()).orElseThrow())
                .containsExactly("export-all-csv", "export-all-json");
    }

    @Test
    void copiesTheSelectedUsersToTheClipboardAsTabSeparatedText() {
        int admin = -1;
        for (int row = 0; row < _size(grid); row++) {
            if ("admin@contoso.test".equals(row(row).email())) {
                admin = row;
            }
        }
        grid.select(row(admin));
        UsersView view = (UsersView) UI.getCurrent().getCurrentView();
        _clickItemWithCaption(view.exportFormats.makeItems(), "Copy to clipboard");

        // The text itself is checked in UserExportTest; the browser receives it with the clipboard call.
        expectNotifications("Copied 1 user to the clipboard: a header line, then one line per user, tab-separated.");
    }

    @Test
    void filtersByEmailThroughTheDirectoryAndByRole() {
        TextField filter = _get(TextField.class, spec -> spec.withId("users-filter"));
        filter.setValue("vance");
        assertThat(emails()).containsExactly("admin@contoso.test");
        filter.setValue("nobody-matches-this");
        assertThat(_size(grid)).isZero();
        filter.clear();
        @SuppressWarnings("unchecked")
        var roleFilter = (com.vaadin.flow.component.combobox.ComboBox<RoleSummary>) _get(
                com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("users-filter-role"));
        roleFilter.setValue(new RoleSummary(BuiltInRole.APP_BUILDER.id(), "App Builder", true));
        assertThat(emails()).containsExactly("builder@contoso.test");
    }

    /** Confirms or cancels as the browser does: the event, then the dialog closes. */
    private static void answer(ConfirmDialog dialog, boolean confirm) {
        ComponentUtil.fireEvent(dialog, confirm ? new ConfirmDialog.ConfirmEvent(dialog, false)
                : new ConfirmDialog.CancelEvent(dialog, false));
        dialog.close();
    }

    private AssignUserDialog openAssignDialog() {
        Toolbars.click("assign-user");
        return _get(AssignUserDialog.class);
    }

    private void assertFieldError(AssignUserDialog dialog, String email, String message) {
        clearNotifications();
        dialog.identifier.setValue(email);
        _click(dialog.assign);
        assertThat(dialog.identifier.isInvalid()).as(email).isTrue();
        assertThat(dialog.identifier.getErrorMessage()).isEqualTo(message);
        assertThat(dialog.isOpened()).isTrue();
    }

    private static RoleSummary role(CheckboxGroup<RoleSummary> group, BuiltInRole role) {
        return group.getListDataView().getItems().filter(r -> r.id().equals(role.id())).findFirst().orElseThrow();
    }

    private long add(BuiltInRole role) {
        long id = new TestUsers(context).add(new Identity(directory.tenantId(), UUID.randomUUID()), role);
        added.add(id);
        return id;
    }

    /** The row as the data provider gives it now (the grid's own cache lags behind until a round trip). */
    private UserRow row(int index) {
        return com.github.mvysny.kaributesting.v10.GridKt._get(grid, index);
    }

    private int rowOf(long id) {
        for (int row = 0; row < _size(grid); row++) {
            if (row(row).id() == id) {
                return row;
            }
        }
        return -1;
    }

    private List<String> emails() {
        List<String> emails = new ArrayList<>();
        for (int row = 0; row < _size(grid); row++) {
            emails.add(row(row).email());
        }
        return emails;
    }
}
