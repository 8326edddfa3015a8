package com.custodian.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.custodian.base.ui.AccessDeniedView;
import com.custodian.base.ui.MainLayout;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.custodian.devices.ui.DevicesView;
import com.custodian.users.ui.UsersView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Div;

/** What each demo role sees in the menu, where it lands, and which pages it may open. */
class NavigationTest extends AbstractViewTest {

    @Test
    void administratorLandsOnUsersAndSeesUsersInTheMenu() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(UsersView.class);
        assertThat(menuLabels()).containsExactly("Users", "Roles", "Organizations", "Devices", "Alert rules",
                "Alert recipients", "Customer data requests", "Audit trail", "My access");
        // What the browser is sent: the entries as side-nav items, each with its icon.
        String drawn = _get(Div.class, spec -> spec.withClasses("custodian-drawer")).getElement()
                .getProperty("innerHTML");
        assertThat(drawn).contains("<vaadin-side-nav aria-label=\"Main navigation\">",
                "<vaadin-side-nav-item path=\"users\"><vaadin-icon icon=\"vaadin:users\" slot=\"prefix\"></vaadin-icon>Users"
                        + "</vaadin-side-nav-item>",
                "<vaadin-side-nav-item path=\"audit-trail\">");
    }

    @Test
    void builderDoesNotSeeUsersAndIsRefusedThem() {
        signInAs(SignIn.BUILDER);
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DevicesView.class);
        assertThat(menuLabels()).containsExactly("Devices", "Alert rules", "Alert recipients", "My access");
        assertRefused("users");
        assertRefused("roles");
        assertRefused("data-requests");
    }

    @Test
    void operatorDoesNotSeeUsersAndIsRefusedThem() {
        signInAs(SignIn.OPERATOR);
        UI.getCurrent().navigate("");
        assertThat(menuLabels()).containsExactly("Devices", "Alert rules", "Alert recipients", "My access");
        assertRefused("users");
    }

    @Test
    void personWithoutRoleSeesNoAccessPageWithTheirObjectId() {
        signInAs(SignIn.NO_ROLE);
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(NoAccessView.class);
        assertThat(_get(Code.class, spec -> spec.withId("no-access-object-id")).getText())
                .isEqualTo("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04");
        // Pages that need a role send someone without any to the same "no access" page.
        UI.getCurrent().navigate("users");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(NoAccessView.class);
        UI.getCurrent().navigate("alert-recipients");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(NoAccessView.class);
        UI.getCurrent().navigate("my-access");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(NoAccessView.class);
    }

    @Test
    void anonymousVisitorIsSentToSignIn() {
        UI.getCurrent().navigate("users");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(SignInView.class);
    }

    /** Refused pages show the "you may not open this page" page, inside the frame. */
    private void assertRefused(String route) {
        UI.getCurrent().navigate(route);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(AccessDeniedView.class);
        assertThat(_get(H2.class).getText()).isEqualTo("You may not open this page");
    }

    private static List<String> menuLabels() {
        return _get(MainLayout.class).menu().stream().map(MainLayout.MenuLink::label).toList();
    }
}
