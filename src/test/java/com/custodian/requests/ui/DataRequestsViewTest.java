package com.custodian.requests.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestStatus;
import com.custodian.requests.RequestType;
import com.custodian.security.Identity;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Div;

/** The register and a request's page, as an administrator handles an erasure request. */
class DataRequestsViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DirectoryService directory;

    private final List<Long> addedUsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        jdbc.update("delete from alert_rule");
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
    }

    @Test
    void anAdministratorOpensAnErasureRequestSeesWhatIsFoundErasesItAndKeepsTheReceipt() {
        UUID erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        addedUsers.add(new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR));
        SignIn.as(context, SignIn.ADMIN);
        RuleForm rule = new RuleForm();
        rule.setName("Lobby");
        rule.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        rule.setRecipients("erin@contoso.test, operator@contoso.test");
        rules.save(rule);

        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(DataRequestsView.class);
        Toolbars.click("new-request-button");
        NewRequestDialog dialog = _get(NewRequestDialog.class);
        dialog.type.setValue(RequestType.ERASURE);
        dialog.type.clear();
        dialog.subject.setValue("erin@contoso.test");
        _click(dialog.open);
        assertThat(dialog.type.isInvalid()).as("no type is chosen for the administrator").isTrue();
        dialog.type.setValue(RequestType.ERASURE);
        dialog.subject.setValue("erin@");
        _click(dialog.open);
        assertThat(dialog.subject.isInvalid()).isTrue();
        assertThat(dialog.subject.getErrorMessage()).contains("is not an email address");
        dialog.subject.setValue("erin@contoso.test");
        dialog.reference.setValue("LETTER-42");
        _click(dialog.open);

        DataRequestView detail = _get(DataRequestView.class);
        assertThat(detail.found.getElement().getTextRecursively()).contains("users: 1 record", "alert rules: 1 record",
                "Lobby", "System-generated logs");
        assertThat(detail.erase.isVisible()).isTrue();
        // The export is prepared in the background, then offered; preparing it marks the request in progress.
        _click(detail.export);
        assertThat(detail.exportProgress.isVisible()).isTrue();
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            detail.followExport();
            return detail.download.isVisible();
        });
        assertThat(detail.exportState.getText()).startsWith("Ready:");
        assertThat(detail.export.isEnabled()).isTrue();
        _click(detail.erase);
        ConfirmDialog confirm = detail.eraseConfirm;
        assertThat(confirm.getElement().getTextRecursively()).contains("erin@contoso.test", "users: 1 record",
                "What stays");
        ComponentUtil.fireEvent(confirm, new ConfirmDialog.ConfirmEvent(confirm, false));
        confirm.close();
        expectNotifications("Erased. The request is completed and keeps its receipt.");
        addedUsers.clear();
        // The receipt in words, category by category; the JSON kept as proof beneath, folded.
        String receipt = _get(Div.class, spec -> spec.withId("erasure-receipt")).getChildren().findFirst().orElseThrow()
                .getElement().getTextRecursively();
        assertThat(receipt).startsWith("alert rules: taken off 1 alert rule, 1 address on a rule")
                .containsPattern("audit trail: [1-9]\\d* entr(y|ies) pseudonymised").contains("devices: nothing erased")
                .endsWith("users: 1 user, 1 role assignment")
                .doesNotContain("erin@contoso.test").doesNotContain("roleAssignments");
        assertThat(_get(Pre.class, spec -> spec.withId("receipt-json")).getText()).contains("\"users\" : 1")
                .doesNotContain("erin@contoso.test");
        assertThat(detail.found.getElement().getTextRecursively()).contains("Receipt")
                .doesNotContain("erin@contoso.test");
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("operator@contoso.test");

        UI.getCurrent().navigate(DataRequestsView.class);
        var grid = _get(DataRequestsView.class).grid;
        assertThat(_size(grid)).isEqualTo(1);
        DataRequestsView.Listed row = _get(grid, 0);
        assertThat(row.reference()).isEqualTo("LETTER-42");
        assertThat(row.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(row.subject()).startsWith("sha256:");
    }

    @Test
    void anAdministratorExtendsWithAReasonAndRejects() {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = context.getBean(com.custodian.requests.DataRequestsService.class).open(
                new com.custodian.requests.NewRequest(RequestType.ACCESS, "frank@contoso.test",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC), "", ""));
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(DataRequestsView.class);
        assertThat(menuCount()).as("open requests in the menu").isEqualTo("1");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withClasses("custodian-drawer"))
                .getElement().getProperty("innerHTML")).as("drawn beside the entry, named for screen readers")
                .contains("Customer data requests<span slot=\"suffix\" theme=\"badge pill small contrast\" aria-label=\"");
        UI.getCurrent().navigate(DataRequestView.class,
                new com.vaadin.flow.router.RouteParameters("id", String.valueOf(request.id())));
        DataRequestView detail = _get(DataRequestView.class);
        assertThat(detail.erase.isVisible()).as("only erasure requests erase").isFalse();
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.html.Div.class,
                spec -> spec.withId("erasure-blocked"))).as("nothing to erase, so nothing said about erasing").isEmpty();
        _click(detail.extend);
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("confirm-extend")));
        var reason = _get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("extend-reason"));
        assertThat(reason.isInvalid()).isTrue();
        reason.setValue("Records in three systems");
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("confirm-extend")));
        expectNotifications("The due date is extended.");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("request-facts")).getText())
                .contains("due " + DataRequestsView.DAY.withLocale(UI.getCurrent().getLocale())
                        .format(request.receivedOn().plusMonths(2)));
        _click(detail.reject);
        _get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("reject-reason"))
                .setValue("Identity not confirmed");
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("confirm-reject")));
        expectNotifications("The request is rejected.");
        assertThat(jdbc.queryForObject("select status from data_request where id = ?", String.class, request.id()))
                .isEqualTo("REJECTED");
        assertThat(detail.reject.isVisible()).isFalse();
        assertThat(menuCount()).as("no open request left, at once").isNull();
    }

    private static String menuCount() {
        return _get(com.custodian.base.ui.MainLayout.class).menu().stream()
                .filter(entry -> entry.label().equals("Customer data requests")).findFirst().orElseThrow().badge();
    }
}
