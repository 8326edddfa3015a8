package com.custodian.alerts.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.base.ui.MarkupButton;
import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RecipientStatus;
import com.custodian.alerts.RuleForm;
import com.custodian.alerts.TargetKind;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.LitCells;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.custodian.users.UserRow;
import com.custodian.users.ui.UsersView;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.EmailField;

/** The alert rules page, its editor and the alert recipients page, as builders, operators and administrators use them. */
class AlertsViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DirectoryService directory;

    private final List<Long> addedUsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from alert_rule");
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
    }

    @Test
    void aBuilderCreatesARuleAndEachBadInputIsNamedNextToItsField() {
        signInAs(SignIn.BUILDER);
        UI.getCurrent().navigate(AlertRulesView.class);
        Toolbars.click("new-rule");
        RuleEditorDialog editor = _get(RuleEditorDialog.class);
        fillValid(editor);

        Map<String, Consumer<RuleEditorDialog>> bad = new LinkedHashMap<>();
        bad.put("Give the rule a name", e -> e.name.setValue(""));
        bad.put("is not an email address", e -> e.recipients.setValue("erin@contoso.test\nnot-an-address"));
        bad.put("longer than 254 characters", e -> e.recipients.setValue("a".repeat(250) + "@x.io"));
        bad.put("control character", e -> e.recipients.setValue("erin@contoso.test\rBcc: all@example.com"));
        bad.put("is listed twice", e -> e.recipients.setValue("erin@contoso.test, ERIN@contoso.test"));
        bad.put("Add at least one email address", e -> e.recipients.setValue(" "));
        bad.put("is not a number", e -> e.conditions.getFirst().threshold.setValue("warm"));
        bad.put("Enter a number", e -> e.conditions.getFirst().threshold.setValue(""));
        bad.put("field \u201cpressure\u201d", e -> {
            e.conditions.getFirst().field.setItems("temperature", "pressure");
            e.conditions.getFirst().field.setValue("pressure");
        });
        bad.put("Choose a device template", e -> e.template.clear());
        bad.put("Choose a window", e -> e.aggregation.setValue(com.custodian.alerts.Aggregation.MAX));
        for (Map.Entry<String, Consumer<RuleEditorDialog>> input : bad.entrySet()) {
            fillValid(editor);
            input.getValue().accept(editor);
            _click(editor.save);
            assertThat(editor.isOpened()).as(input.getKey()).isTrue();
            assertThat(errors(editor)).as(input.getKey()).anySatisfy(message -> assertThat(message).contains(input.getKey()));
            assertThat(jdbc.queryForObject("select count(*) from alert_rule", Integer.class)).as(input.getKey()).isZero();
        }

        fillValid(editor);
        _click(editor.save);
        assertThat(editor.isOpened()).isFalse();
        expectNotifications("Saved the rule Lobby too warm.");
        Grid<AlertRulesView.Listed> grid = _get(AlertRulesView.class).grid;
        assertThat(_size(grid)).isEqualTo(1);
        AlertRulesView.Listed row = _get(grid, 0);
        assertThat(row.conditions()).isEqualTo("temperature > 30");
        assertThat(row.recipientCount()).isEqualTo(2);
        assertThat(row.recipients()).isEqualTo("erin@contoso.test, operator@contoso.test");

        // Reopened, it shows what was saved.
        com.custodian.testsupport.LitCells.click(grid, 0, "name", "open");
        RuleEditorDialog reopened = _find(RuleEditorDialog.class).getLast();
        assertThat(reopened.name.getValue()).isEqualTo("Lobby too warm");
        assertThat(reopened.template.getValue().name()).isEqualTo(template(editor).name());
        assertThat(reopened.conditions).singleElement().satisfies(condition -> {
            assertThat(condition.field.getValue()).isEqualTo("temperature");
            assertThat(condition.operator.getValue()).isEqualTo(Operator.GT);
            assertThat(condition.threshold.getValue()).isEqualTo("30");
        });
        assertThat(reopened.recipients.getValue()).isEqualTo("erin@contoso.test\noperator@contoso.test");
    }

    @Test
    void anOperatorOpensRulesReadOnly() {
        SignIn.as(context, SignIn.BUILDER);
        long id = rules.save(rule("Read only", "erin@contoso.test")).getId();
        signInAs(SignIn.OPERATOR);
        UI.getCurrent().navigate(AlertRulesView.class);
        assertThat(_find(MarkupButton.class, spec -> spec.withId("new-rule"))).as("no New rule for operators").isEmpty();
        Grid<AlertRulesView.Listed> grid = _get(AlertRulesView.class).grid;
        assertThat(_get(grid, 0).id()).isEqualTo(id);
        com.custodian.testsupport.LitCells.click(grid, 0, "name", "open");
        RuleEditorDialog editor = _get(RuleEditorDialog.class);
        assertThat(editor.name.isReadOnly()).isTrue();
        assertThat(editor.save.getParent()).isEmpty();
    }

    @Test
    void aRuleOnListedDevicesOpensWithItsDevicesChosen() {
        SignIn.as(context, SignIn.BUILDER);
        long device = context.getBean(com.custodian.devices.DevicesService.class).device("sensor-lobby-01").id();
        RuleForm form = rule("Listed", "erin@contoso.test");
        form.setTargetKind(TargetKind.DEVICES);
        form.setDeviceRefs(new java.util.LinkedHashSet<>(java.util.Set.of(device)));
        long id = rules.save(form).getId();
        signInAs(SignIn.BUILDER);
        UI.getCurrent().navigate(AlertRulesView.class);
        _get(AlertRulesView.class).open(rules.rule(id));
        RuleEditorDialog editor = _get(RuleEditorDialog.class);
        assertThat(editor.devices.getValue()).extracting(com.custodian.devices.DeviceRow::deviceId)
                .containsExactly("sensor-lobby-01");
        editor.note.setValue("Saved again without touching the devices");
        _click(editor.save);
        assertThat(rules.rule(id).getDeviceRefs()).containsExactly(device);
    }

    @Test
    void anAdministratorRemovesAnAddressFromAllRulesInOneStep() {
        SignIn.as(context, SignIn.ADMIN);
        rules.save(rule("First", "gone@example.com\nerin@contoso.test"));
        rules.save(rule("Second", "gone@example.com"));
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(AlertRecipientsView.class);
        AlertRecipientsView view = _get(AlertRecipientsView.class);
        AlertRecipientsView.Address gone = recipient(view, "gone@example.com");
        assertThat(gone.rules()).isEqualTo("First, Second");
        assertThat(gone.ruleCount()).isEqualTo(2);
        assertThat(gone.status()).isEqualTo(RecipientStatus.NOT_A_USER);

        int goneRow = rowOf(view, "gone@example.com");
        assertThat(LitCells.property(view.grid, goneRow, "status", "status")).isEqualTo("No: not a user");
        assertThat(LitCells.property(view.grid, goneRow, "status", "theme")).isEqualTo("small error");
        // Every row has these buttons: their names say whose address they act on.
        assertThat(LitCells.property(view.grid, goneRow, "actions", "removeLabel"))
                .isEqualTo("Remove gone@example.com from all its rules");
        assertThat(LitCells.property(view.grid, goneRow, "actions", "replaceLabel"))
                .isEqualTo("Replace gone@example.com on all its rules");
        LitCells.click(view.grid, goneRow, "actions", "removeAddress");
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-remove-address"));
        assertThat(confirm.getElement().getProperty("message")).contains("gone@example.com", "2 rules", "First, Second");
        ComponentUtil.fireEvent(confirm, new ConfirmDialog.ConfirmEvent(confirm, false));
        confirm.close();
        expectNotifications("Removed gone@example.com from 2 rules.");
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("erin@contoso.test");
        assertThat(_size(view.grid)).isEqualTo(1);

        LitCells.click(view.grid, rowOf(view, "erin@contoso.test"), "actions", "replaceAddress");
        EmailField replacement = _get(EmailField.class, spec -> spec.withId("replacement-address"));
        replacement.setValue("not an address");
        _click(_get(Button.class, spec -> spec.withId("confirm-replace")));
        assertThat(replacement.isInvalid()).isTrue();
        replacement.setValue("erin.castillo@contoso.test");
        _click(_get(Button.class, spec -> spec.withId("confirm-replace")));
        expectNotifications("Replaced erin@contoso.test with erin.castillo@contoso.test on 1 rule.");
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("erin.castillo@contoso.test");
    }

    @Test
    void deletingAUserListsTheirRulesAndTakesTheirAddressOffThem() {
        long erin = new TestUsers(context).add(new Identity(directory.tenantId(),
                directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId()), BuiltInRole.APP_OPERATOR);
        addedUsers.add(erin);
        SignIn.as(context, SignIn.ADMIN);
        rules.save(rule("Lobby", "erin@contoso.test, operator@contoso.test"));
        rules.save(rule("Warehouse", "erin@contoso.test"));
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        @SuppressWarnings("unchecked")
        Grid<UserRow> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        for (int i = 0; i < _size(grid); i++) {
            if (_get(grid, i).id() == erin) {
                grid.select(_get(grid, i));
            }
        }
        Toolbars.click("delete-users");
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-delete"));
        assertThat(confirm.getElement().getTextRecursively()).contains("erin@contoso.test is on 2 alert rules: Lobby, Warehouse");
        assertThat(_get(Checkbox.class, spec -> spec.withId("remove-references")).getValue()).isTrue();
        ComponentUtil.fireEvent(confirm, new ConfirmDialog.ConfirmEvent(confirm, false));
        confirm.close();
        expectNotifications("1 user was deleted.");
        addedUsers.clear();
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("operator@contoso.test");
    }

    @Test
    void aGermanBuilderWritesDecimalsWithAComma() {
        signInAs(SignIn.BUILDER);
        UI.getCurrent().setLocale(java.util.Locale.GERMAN);
        UI.getCurrent().navigate(AlertRulesView.class);
        Toolbars.click("new-rule");
        RuleEditorDialog editor = _get(RuleEditorDialog.class);
        assertThat(editor.canonical("-2,5")).isEqualTo("-2.5");
        assertThat(editor.canonical("30")).isEqualTo("30");
        assertThat(editor.canonical("2.5")).as("also as the rules write it").isEqualTo("2.5");
        assertThat(editor.canonical("warm")).isEqualTo("warm");
        assertThat(editor.canonical("1,2,3")).as("not wholly a number: left for the service to refuse")
                .isEqualTo("1,2,3");
        assertThat(editor.canonical("1.000")).as("a thousand, as a German writes it").isEqualTo("1000");
        assertThat(editor.canonical("-1.234,5")).isEqualTo("-1234.5");
        fillValid(editor);
        editor.conditions.getFirst().threshold.setValue("30,5");
        _click(editor.save);
        assertThat(editor.isOpened()).isFalse();
        assertThat(jdbc.queryForObject("select threshold from alert_condition", Double.class)).isEqualTo(30.5);
        var rule = context.getBean(com.custodian.alerts.AlertRulesService.class).listRules("", 0, 10).getFirst();
        assertThat(context.getBean(com.custodian.base.i18n.Translations.class).text(java.util.Locale.GERMAN,
                rule.conditions())).as("shown as German writes it").isEqualTo("temperature > 30,5");
    }

    private void fillValid(RuleEditorDialog editor) {
        editor.name.setValue("Lobby too warm");
        editor.target.setValue(TargetKind.TEMPLATE);
        editor.template.setValue(template(editor));
        RuleEditorDialog.ConditionRow condition = editor.conditions.getFirst();
        condition.field.setItems("temperature", "humidity", "battery");
        condition.field.setValue("temperature");
        condition.operator.setValue(Operator.GT);
        condition.threshold.setValue("30");
        editor.aggregation.setValue(com.custodian.alerts.Aggregation.NONE);
        editor.window.clear();
        editor.recipients.setValue("erin@contoso.test\noperator@contoso.test");
    }

    private static com.custodian.devices.TemplateSummary template(RuleEditorDialog editor) {
        return editor.template.getListDataView().getItems().filter(t -> t.field("humidity").isPresent()).findFirst()
                .orElseThrow();
    }

    private static List<String> errors(RuleEditorDialog editor) {
        List<String> errors = new ArrayList<>();
        List.of(editor.name, editor.recipients, editor.note).forEach(field -> {
            if (field.isInvalid()) {
                errors.add(field.getErrorMessage());
            }
        });
        if (editor.template.isInvalid()) {
            errors.add(editor.template.getErrorMessage());
        }
        if (editor.window.isInvalid()) {
            errors.add(editor.window.getErrorMessage());
        }
        editor.conditions.forEach(row -> {
            if (row.field.isInvalid()) {
                errors.add(row.field.getErrorMessage());
            }
            if (row.threshold.isInvalid()) {
                errors.add(row.threshold.getErrorMessage());
            }
        });
        if (editor.formError.isVisible()) {
            errors.add(editor.formError.getText());
        }
        return errors;
    }

    private static int rowOf(AlertRecipientsView view, String email) {
        for (int i = 0; i < _size(view.grid); i++) {
            if (_get(view.grid, i).email().equals(email)) {
                return i;
            }
        }
        throw new AssertionError("no row for " + email);
    }

    private static AlertRecipientsView.Address recipient(AlertRecipientsView view, String email) {
        return _get(view.grid, rowOf(view, email));
    }

    private static RuleForm rule(String name, String recipients) {
        RuleForm form = new RuleForm();
        form.setName(name);
        form.setTargetKind(TargetKind.ALL);
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        form.setRecipients(recipients);
        return form;
    }
}
