package com.custodian.base.ui;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.custodian.users.ui.UsersView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The menus made on first opening: a page holds none until the browser asks to open one, then the
 * menu is made with its items and opens on the browser's next question.
 */
class LazyContextMenuTest extends AbstractViewTest {

    @Test
    void theFirstQuestionMakesTheMenuAndTheNextOpensIt() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        MainLayout layout = _get(MainLayout.class);
        assertThat(layout.accountMenu.isMade()).as("no menu before it is opened").isFalse();

        MarkupButton userMenu = _get(MarkupButton.class, spec -> spec.withId("user-menu"));
        beforeOpen(userMenu);
        assertThat(layout.accountMenu.isMade()).isTrue();
        var menu = layout.accountMenu.makeItems();
        assertThat(menu.getItems()).extracting(MenuItem::getId).extracting(id -> id.orElse(""))
                .containsExactly("language-menu", "sign-out");
        assertThat(menu.getTarget()).isSameAs(userMenu);
        assertThat(menu.isAttached()).as("shown only once the browser asks the menu itself").isFalse();

        beforeOpen(userMenu);
        assertThat(menu.isAttached()).as("the menu's own answer adds it to the page to open").isTrue();
        assertThat(layout.accountMenu.makeItems()).as("made once").isSameAs(menu);
    }

    /** What the browser's context-menu connector sends when the target is clicked. */
    private static void beforeOpen(MarkupButton target) {
        _fireDomEvent(target, "vaadin-context-menu-before-open",
                JsonNodeFactory.instance.objectNode().set("event.detail", JsonNodeFactory.instance.objectNode()));
    }
}
