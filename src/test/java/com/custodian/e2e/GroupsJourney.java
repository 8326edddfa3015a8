package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administrator gives the Entra group Contoso Operators the App Operator role; Dana, a member
 * who holds no role of her own, signs in and works as an operator, and "My access" names the group;
 * the group's page lists her; once the group loses its assignment, her open session loses the role
 * at its next step.
 */
@ExtendWith(RunningApp.class)
class GroupsJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void aGroupsRoleReachesItsMemberAndGoesWithIt() throws Exception {
        try (Browser admin = new Browser(app, "groups-admin"); Browser dana = new Browser(app, "groups-member")) {
            admin.signIn("admin@contoso.test").go("/users");
            admin.click("assign-group").pick("assign-group-name", "Contoso Operators")
                    .check("assign-group-roles", "App Operator");
            admin.screenshot("users-assign-group");
            admin.click("assign-group-confirm");
            assertThat(admin.awaitGridText("users-grid", "Contoso Operators")).contains("Group · 1 person");

            dana.signIn("dana@contoso.test");
            assertThat(dana.path()).as("an operator lands on the devices").isEqualTo("/devices");
            dana.go("/my-access");
            assertThat(dana.awaitText("group Contoso Operators")).contains("From: group Contoso Operators (App Operator)");
            dana.screenshot("my-access-through-group");

            admin.rowAction("users-grid", "Contoso Operators", "Members and roles of");
            assertThat(admin.awaitText("1 person signed in through this group")).contains("dana@contoso.test");
            admin.screenshot("users-group-members");
            admin.clickText("vaadin-button", "Close");
            admin.screenshot("users-with-group");

            admin.rowAction("users-grid", "Contoso Operators", "Delete");
            admin.confirm("confirm-delete");
            admin.awaitNotification("1 user was deleted.");

            dana.go("/devices");
            dana.until(driver -> dana.path().equals("/no-access"));
            assertThat(dana.text()).contains("you hold no role in Custodian");

            admin.go("/audit-trail");
            assertThat(admin.awaitGridText("audit-grid", "Group removed")).contains("Group assigned",
                    "Signed in through a group");
        }
    }
}
