package com.custodian.organizations.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.ui.MarkupButton;
import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsService;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.LitCells;
import com.custodian.testsupport.SignIn;
import com.vaadin.flow.component.UI;

/**
 * The Organizations page of the default run (Seattle and Berlin below the application): the tree
 * with what each holds, adding an organization under another, a name taken among siblings said
 * next to the field, and moving one.
 */
class OrganizationsViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OrganizationsService organizations;

    private OrganizationsView view;

    @BeforeEach
    void open() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(OrganizationsView.class);
        view = _get(OrganizationsView.class);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from organization where depth = 2 and name like 'Test %'");
        jdbc.update("delete from organization where depth = 1 and name like 'Test %'");
    }

    @Test
    void theTreeShowsTheApplicationItsOrganizationsAndWhatTheyHold() {
        List<String> names = rows().stream().map(row -> row.isRoot() ? "ROOT" : row.name()).toList();
        assertThat(names).contains("ROOT", "Seattle", "Berlin");
        int berlin = indexOf("Berlin");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(view.tree, berlin, "holds"))
                .isEqualTo("1 device, 1 role assignment");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(view.tree, 0, "name"))
                .isEqualTo("Whole application");
    }

    @Test
    void addsAnOrganizationUnderAnotherAndSaysWhenTheNameIsTaken() {
        LitCells.click(view.tree, indexOf("Berlin"), "actions", "addUnder");
        OrganizationDialog dialog = _get(OrganizationDialog.class);
        dialog.name.setValue("Test Mitte");
        _click(dialog.save);
        expectNotifications("Test Mitte was saved.");
        assertThat(rows()).anySatisfy(row -> assertThat(row.name()).isEqualTo("Test Mitte"));

        LitCells.click(view.tree, indexOf("Berlin"), "actions", "addUnder");
        OrganizationDialog again = _get(OrganizationDialog.class);
        again.name.setValue("test mitte");
        _click(again.save);
        assertThat(again.name.isInvalid()).isTrue();
        assertThat(again.name.getErrorMessage()).isEqualTo("Another organization at this place is named “test mitte” already.");
        assertThat(again.isOpened()).isTrue();
    }

    @Test
    void movesAnOrganizationUnderAnother() {
        OrganizationRow created = organizations.create(organizations.root().id(), "Test Lisbon", null);
        view.refresh();
        LitCells.click(view.tree, indexOf("Test Lisbon"), "actions", "move");
        MoveOrganizationDialog dialog = _get(MoveOrganizationDialog.class);
        assertThat(com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestions(dialog.parent))
                .as("not under itself").noneMatch(label -> label.strip().equals("Test Lisbon"));
        com.github.mvysny.kaributesting.v10.ComboBoxKt.selectByLabel(dialog.parent, "Berlin");
        _click(dialog.move);
        assertThat(organizations.organization(created.id()).orElseThrow().depth()).isEqualTo(2);
    }

    @Test
    void deletingAnOrganizationThatHoldsSomethingSaysWhatFirst() {
        LitCells.click(view.tree, indexOf("Berlin"), "actions", "remove");
        com.vaadin.flow.component.confirmdialog.ConfirmDialog dialog = _get(
                com.vaadin.flow.component.confirmdialog.ConfirmDialog.class,
                spec -> spec.withId("confirm-delete-organization"));
        assertThat(dialog.getElement().getProperty("message"))
                .isEqualTo("Berlin still holds 1 device, 1 role assignment: move or delete those first.");
        assertThat(organizations.tree()).anySatisfy(row -> assertThat(row.name()).isEqualTo("Berlin"));
    }

    @Test
    void theApplicationItselfOffersNoRenameMoveOrDelete() {
        assertThat(LitCells.property(view.tree, 0, "actions", "root")).isEqualTo(true);
        assertThat(_get(MarkupButton.class, spec -> spec.withId("add-organization")).isEnabled()).isTrue();
    }

    private List<OrganizationRow> rows() {
        return view.tree.getTreeData().getRootItems().stream()
                .flatMap(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root), descendants(root)))
                .toList();
    }

    private java.util.stream.Stream<OrganizationRow> descendants(OrganizationRow row) {
        return view.tree.getTreeData().getChildren(row).stream()
                .flatMap(child -> java.util.stream.Stream.concat(java.util.stream.Stream.of(child), descendants(child)));
    }

    private int indexOf(String name) {
        for (int i = 0; i < com.github.mvysny.kaributesting.v10.GridKt._size(view.tree); i++) {
            OrganizationRow row = com.github.mvysny.kaributesting.v10.GridKt._get(view.tree, i);
            if (name.equals(row.name())) {
                return i;
            }
        }
        throw new AssertionError("No row " + name);
    }
}
