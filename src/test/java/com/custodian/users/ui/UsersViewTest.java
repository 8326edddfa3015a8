package com.custodian.users.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.LitCells;
import com.custodian.testsupport.SignIn;
import com.custodian.users.UserRow;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;

/** The Users page as an administrator sees it. */
class UsersViewTest extends AbstractViewTest {

    private Grid<UserRow> grid;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void openUsersPage() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        grid = _get(Grid.class, spec -> spec.withId("users-grid"));
    }

    @Test
    void showsTheDemoUsersWithEmailsAndNamesFromTheDirectory() {
        List<String> emails = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < _size(grid); i++) {
            emails.add(cellText(i, "email"));
            names.add(cellText(i, "name"));
        }
        assertThat(emails).contains("admin@contoso.test", "builder@contoso.test", "operator@contoso.test");
        assertThat(names).contains("Adele Vance", "Ben Walters", "Olivia Park", "Privacy automation");
        int admin = emails.indexOf("admin@contoso.test");
        assertThat(_getFormattedRow(grid, admin)).contains("Person", "App Administrator");
    }

    @Test
    void marksAUserTheDirectoryDoesNotKnow() {
        int orphan = -1;
        for (int i = 0; i < _size(grid); i++) {
            if (cellText(i, "email").equals("7a1c9b1d-4d8f-4b7c-8ec8-0c4d9e8f6b08")) {
                orphan = i;
            }
        }
        assertThat(orphan).as("the former employee's row").isNotNegative();
        assertThat(LitCells.property(grid, orphan, "name", "marker")).isEqualTo("Not in directory");
        assertThat(LitCells.property(grid, orphan, "name", "theme")).isEqualTo("error small");
        assertThat(_getFormattedRow(grid, orphan)).contains("App Operator");
    }

    @Test
    void describesWhereEmailsComeFrom() {
        // The toolbar's first element is the page's description.
        assertThat(_get(com.custodian.base.ui.ViewToolbar.class).getElement().getChild(0).getText())
                .contains("Custodian stores only object IDs");
    }

    private String cellText(int row, String column) {
        return (String) LitCells.property(grid, row, column, column.equals("email") ? "text" : "name");
    }
}
