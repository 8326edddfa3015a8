package com.custodian.alerts.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.custodian.alerts.Aggregation;
import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.InvalidRuleException;
import com.custodian.base.i18n.Text;
import com.custodian.alerts.MatchMode;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.alerts.TargetKind;
import com.custodian.devices.DeviceRow;
import com.custodian.organizations.OrganizationRow;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TemplateSummary;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;

/**
 * Creates or edits an alert rule. Bean validation checks the simple fields as they are typed; on
 * save the service checks everything (addresses, fields of the target's template, numbers, the
 * name's uniqueness) and its messages appear next to the fields. Enter saves, Escape closes.
 */
class RuleEditorDialog extends Dialog {

    final TextField name = new TextField();
    final Checkbox enabled = new Checkbox();
    final RadioButtonGroup<TargetKind> target = new RadioButtonGroup<>();
    final ComboBox<TemplateSummary> template = new ComboBox<>();
    final MultiSelectComboBox<DeviceRow> devices = new MultiSelectComboBox<>();
    final com.vaadin.flow.component.combobox.ComboBox<OrganizationRow> organization =
            new com.vaadin.flow.component.combobox.ComboBox<>();
    final RadioButtonGroup<MatchMode> match = new RadioButtonGroup<>();
    final VerticalLayout conditionRows = new VerticalLayout();
    final Button addCondition = new Button();
    final Select<Aggregation> aggregation = new Select<>();
    final Select<Integer> window = new Select<>();
    final TextArea recipients = new TextArea();
    final TextArea note = new TextArea();
    final Span formError = new Span();
    final Button save = new Button();
    final Button cancel = new Button();
    final List<ConditionRow> conditions = new ArrayList<>();
    private int conditionsAdded;

    private final AlertRulesService rules;
    private final RuleForm form;
    private final boolean editable;
    private final Consumer<RuleForm> saved;
    private final BeanValidationBinder<RuleForm> binder = new BeanValidationBinder<>(RuleForm.class);
    private final List<TemplateSummary> templates;

    /** One condition row: field, operator, threshold, and a button to remove it. */
    final class ConditionRow extends HorizontalLayout {
        final ComboBox<String> field = new ComboBox<>();
        final Select<Operator> operator = new Select<>();
        final TextField threshold = new TextField();
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());

        ConditionRow(RuleForm.ConditionForm condition) {
            field.setAriaLabel(getTranslation("alerts.editor.condition.field"));
            field.setPlaceholder(getTranslation("alerts.editor.condition.field"));
            field.setAllowCustomValue(false);
            field.setWidth("13rem");
            operator.setItems(Operator.values());
            operator.setItemLabelGenerator(Operator::symbol);
            operator.setAriaLabel(getTranslation("alerts.editor.condition.operator"));
            operator.setWidth("5.5rem");
            threshold.setAriaLabel(getTranslation("alerts.editor.condition.threshold"));
            threshold.setPlaceholder(getTranslation("alerts.editor.condition.threshold"));
            threshold.setWidth("9rem");
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.addClickListener(click -> {
                conditions.remove(this);
                conditionRows.remove(this);
                nameRemoveButtons();
            });
            field.setItems(numericFields());
            field.setValue(condition.getField() != null && numericFields().contains(condition.getField())
                    ? condition.getField() : null);
            if (condition.getField() != null && !numericFields().contains(condition.getField())) {
                field.setItems(withValue(numericFields(), condition.getField()));
                field.setValue(condition.getField());
            }
            operator.setValue(condition.getOperator());
            threshold.setValue(condition.getThreshold() == null ? "" : condition.getThreshold());
            // A message goes once its field is changed; save checks again.
            field.addValueChangeListener(change -> field.setInvalid(false));
            threshold.addValueChangeListener(change -> threshold.setInvalid(false));
            setAlignItems(FlexComponent.Alignment.BASELINE);
            setPadding(false);
            add(field, operator, threshold, remove);
            List.of(field, operator, threshold, remove).forEach(c -> c.getElement().setEnabled(editable));
        }

        RuleForm.ConditionForm toForm() {
            return RuleForm.ConditionForm.of(field.getValue(), operator.getValue(), canonical(threshold.getValue()));
        }
    }

    /**
     * @param organizations those the reader may put a rule in, in tree order (with the rule's own when
     *        only shown), and their names
     */
    RuleEditorDialog(AlertRulesService rules, DevicesService devicesService, RuleForm form, boolean editable,
            List<OrganizationRow> organizations, java.util.function.Function<OrganizationRow, String> organizationName,
            Consumer<RuleForm> saved) {
        this.rules = rules;
        this.form = form;
        this.editable = editable;
        this.saved = saved;
        this.templates = devicesService.templates();
        setId("rule-editor");
        setHeaderTitle(getTranslation(form.isNew() ? "alerts.editor.new" : editable ? "alerts.editor.edit"
                : "alerts.editor.view", form.getName()));
        setWidth("46rem");
        setCloseOnOutsideClick(false);

        name.setLabel(getTranslation("alerts.editor.name"));
        name.setId("rule-name");
        name.setMaxLength(100);
        enabled.setLabel(getTranslation("alerts.editor.enabled"));

        target.setLabel(getTranslation("alerts.editor.target"));
        target.setItems(TargetKind.values());
        target.setItemLabelGenerator(kind -> getTranslation("alerts.target." + kind.name().toLowerCase()));
        template.setLabel(getTranslation("alerts.editor.template"));
        template.setItems(templates);
        template.setItemLabelGenerator(TemplateSummary::name);
        template.setId("rule-template");
        devices.setLabel(getTranslation("alerts.editor.devices"));
        // Only devices of the rule's organization and below it: those are the ones it may watch.
        devices.setItems(query -> devicesService.listDevices(query.getFilter().orElse(""),
                organization.getValue() == null ? null : organization.getValue().id(), query.getOffset(),
                Math.min(query.getLimit(), DevicesService.MAX_PAGE_SIZE)).stream());
        devices.setItemLabelGenerator(row -> row.deviceId() + " \u2014 " + row.displayName());
        devices.setId("rule-devices");
        organization.setLabel(getTranslation("alerts.editor.organization"));
        organization.setHelperText(getTranslation("alerts.editor.organization.help"));
        organization.setId("rule-organization");
        com.custodian.organizations.ui.OrganizationPicker.configure(organization, organizations, organizationName);
        organization.setValue(organizations.stream().filter(row -> row.id().equals(form.getOrganizationId()))
                .findFirst().orElse(null));
        organization.addValueChangeListener(change -> {
            organization.setInvalid(false);
            devices.getDataProvider().refreshAll();
        });
        target.addValueChangeListener(change -> targetChanged());
        template.addValueChangeListener(change -> refreshFields());
        devices.addValueChangeListener(change -> refreshFields());

        match.setLabel(getTranslation("alerts.editor.conditions"));
        match.setItems(MatchMode.values());
        match.setItemLabelGenerator(mode -> getTranslation("alerts.match." + mode.name().toLowerCase()));
        addCondition.setText(getTranslation("alerts.editor.condition.add"));
        addCondition.setIcon(VaadinIcon.PLUS.create());
        addCondition.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addCondition.addClickListener(click -> addCondition(new RuleForm.ConditionForm()));
        conditionRows.setPadding(false);
        conditionRows.setSpacing(false);

        aggregation.setLabel(getTranslation("alerts.editor.aggregation"));
        aggregation.setItems(Aggregation.values());
        aggregation.setItemLabelGenerator(kind -> getTranslation("alerts.aggregation." + kind.name().toLowerCase()));
        window.setLabel(getTranslation("alerts.editor.window"));
        window.setItems(Aggregation.WINDOW_MINUTES);
        window.setItemLabelGenerator(minutes -> getTranslation("alerts.editor.minutes", minutes));
        aggregation.addValueChangeListener(change -> window.setEnabled(editable && change.getValue() != Aggregation.NONE));

        recipients.setLabel(getTranslation("alerts.editor.recipients"));
        recipients.setHelperText(getTranslation("alerts.editor.recipients.help"));
        recipients.setId("rule-recipients");
        recipients.setMinHeight("6rem");
        note.setLabel(getTranslation("alerts.editor.note"));
        note.setHelperText(getTranslation("alerts.editor.note.help"));
        note.setMaxLength(1000);
        // Enter in a text area starts a new line; it must not save the rule.
        for (TextArea area : List.of(recipients, note)) {
            area.getElement().executeJs("this.addEventListener('keydown', e => { if (e.key === 'Enter') "
                    + "e.stopPropagation(); })");
        }

        binder.forField(name).bind("name");
        binder.forField(enabled).bind(RuleForm::isEnabled, RuleForm::setEnabled);
        binder.forField(target).bind(RuleForm::getTargetKind, RuleForm::setTargetKind);
        binder.forField(match).bind(RuleForm::getMatchMode, RuleForm::setMatchMode);
        binder.forField(aggregation).bind(RuleForm::getAggregation, RuleForm::setAggregation);
        binder.forField(window).bind(RuleForm::getWindowMinutes, RuleForm::setWindowMinutes);
        binder.forField(recipients).bind("recipients");
        binder.forField(note).bind("note");
        binder.readBean(form);
        // Checked by the service on save, with its messages next to the fields.
        name.setRequiredIndicatorVisible(true);
        recipients.setRequiredIndicatorVisible(true);
        template.setValue(templates.stream().filter(t -> t.id().equals(form.getTemplateId())).findFirst().orElse(null));
        if (!form.getDeviceRefs().isEmpty()) {
            devices.setValue(new LinkedHashSet<>(devicesService.devices(form.getDeviceRefs())));
        }
        targetChanged();
        form.getConditions().forEach(this::addCondition);
        window.setEnabled(editable && form.getAggregation() != Aggregation.NONE);

        template.addValueChangeListener(change -> template.setInvalid(false));
        devices.addValueChangeListener(change -> devices.setInvalid(false));
        window.addValueChangeListener(change -> window.setInvalid(false));
        formError.addClassNames("custodian-form-error");
        formError.setVisible(false);
        formError.setId("rule-form-error");

        FormLayout layout = new FormLayout();
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 2));
        layout.add(name, enabled);
        layout.add(organization, 2);
        layout.add(target, 2);
        layout.add(template, devices);
        VerticalLayout conditionsBlock = new VerticalLayout(match, conditionRows, addCondition);
        conditionsBlock.setPadding(false);
        conditionsBlock.setSpacing(false);
        layout.add(conditionsBlock, 2);
        layout.add(aggregation, window);
        layout.add(recipients, 2);
        layout.add(note, 2);
        add(formError, layout);

        save.setText(getTranslation(form.isNew() ? "alerts.editor.create" : "alerts.editor.save"));
        save.setId("save-rule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        // Enter saves from the text fields; in a select or combo box it only picks an item.
        save.addClickShortcut(Key.ENTER).listenOn(name);
        cancel.setText(getTranslation(editable ? "action.cancel" : "action.close"));
        cancel.addClickListener(click -> close());
        if (editable) {
            getFooter().add(cancel, save);
        } else {
            getFooter().add(cancel);
            binder.setReadOnly(true);
            template.setReadOnly(true);
            devices.setReadOnly(true);
            organization.setReadOnly(true);
            addCondition.setVisible(false);
        }
        setCloseOnEsc(true);
    }

    private void addCondition(RuleForm.ConditionForm condition) {
        ConditionRow row = new ConditionRow(condition);
        // Stable IDs for scripts and tests, never reused within the dialog.
        int number = conditionsAdded++;
        row.field.setId("condition-field-" + number);
        row.operator.setId("condition-operator-" + number);
        row.threshold.setId("condition-threshold-" + number);
        if (editable) {
            save.addClickShortcut(Key.ENTER).listenOn(row.threshold);
        }
        conditions.add(row);
        conditionRows.add(row);
        nameRemoveButtons();
    }

    /** Each row's remove button says which condition it removes: "Remove condition 2". */
    private void nameRemoveButtons() {
        for (int i = 0; i < conditions.size(); i++) {
            conditions.get(i).remove.setAriaLabel(getTranslation("alerts.editor.condition.remove", i + 1));
        }
    }

    private void targetChanged() {
        TargetKind kind = target.getValue();
        template.setVisible(kind == TargetKind.TEMPLATE);
        devices.setVisible(kind == TargetKind.DEVICES);
        refreshFields();
    }

    /** The numeric fields the target's devices have; a condition's field is chosen from them. */
    private List<String> numericFields() {
        TargetKind kind = target.getValue();
        List<TemplateSummary> relevant = kind == TargetKind.TEMPLATE
                ? (template.getValue() == null ? List.of() : List.of(template.getValue()))
                : kind == TargetKind.DEVICES ? templates.stream().filter(t -> devices.getValue().stream()
                        .anyMatch(row -> row.templateId().equals(t.id()))).toList() : templates;
        Set<String> fields = new LinkedHashSet<>();
        relevant.forEach(t -> t.fields().stream().filter(f -> f.type() != FieldType.TEXT).map(FieldSpec::name)
                .forEach(fields::add));
        return new ArrayList<>(fields);
    }

    private void refreshFields() {
        List<String> fields = numericFields();
        for (ConditionRow row : conditions) {
            String chosen = row.field.getValue();
            row.field.setItems(chosen == null || fields.contains(chosen) ? fields : withValue(fields, chosen));
            row.field.setValue(chosen);
        }
    }

    private static List<String> withValue(List<String> fields, String value) {
        List<String> with = new ArrayList<>(fields);
        with.add(value);
        return with;
    }

    void save() {
        if (!editable) {
            return;
        }
        clearProblems();
        RuleForm edited = form;
        if (!binder.writeBeanIfValid(edited)) {
            return;
        }
        edited.setTemplateId(template.getValue() == null ? null : template.getValue().id());
        edited.setOrganizationId(organization.getValue() == null ? null : organization.getValue().id());
        edited.setDeviceRefs(new LinkedHashSet<>(devices.getValue().stream().map(DeviceRow::id).toList()));
        edited.setConditions(new ArrayList<>(conditions.stream().map(ConditionRow::toForm).toList()));
        try {
            RuleForm result = rules.save(edited);
            close();
            saved.accept(result);
        } catch (InvalidRuleException invalid) {
            show(invalid.problems());
        }
    }

    private void clearProblems() {
        formError.setVisible(false);
        List.of(name, recipients, note).forEach(field -> field.setInvalid(false));
        template.setInvalid(false);
        devices.setInvalid(false);
        organization.setInvalid(false);
        window.setInvalid(false);
        conditions.forEach(row -> {
            row.field.setInvalid(false);
            row.threshold.setInvalid(false);
        });
    }

    /** Puts each message next to its field; what has no field shows above the form. */
    void show(Map<String, Text> problems) {
        List<String> general = new ArrayList<>();
        problems.forEach((key, text) -> {
            String message = getTranslation(text.key(), text.argumentArray());
            switch (key) {
                case "name" -> invalid(name, message);
                case "recipients" -> invalid(recipients, message);
                case "note" -> invalid(note, message);
                case "template" -> {
                    template.setErrorMessage(message);
                    template.setInvalid(true);
                }
                case "devices" -> {
                    devices.setErrorMessage(message);
                    devices.setInvalid(true);
                }
                case "organization" -> {
                    organization.setErrorMessage(message);
                    organization.setInvalid(true);
                }
                case "window" -> {
                    window.setErrorMessage(message);
                    window.setInvalid(true);
                }
                default -> {
                    ConditionRow row = conditionRow(key);
                    if (row != null && key.endsWith(".field")) {
                        row.field.setErrorMessage(message);
                        row.field.setInvalid(true);
                    } else if (row != null && key.endsWith(".threshold")) {
                        invalid(row.threshold, message);
                    } else {
                        general.add(message);
                    }
                }
            }
        });
        formError.setText(String.join(" ", general));
        formError.setVisible(!general.isEmpty());
    }

    private ConditionRow conditionRow(String key) {
        if (!key.startsWith("conditions[")) {
            return null;
        }
        int index = Integer.parseInt(key.substring("conditions[".length(), key.indexOf(']')));
        return index < conditions.size() ? conditions.get(index) : null;
    }

    private static void invalid(TextField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static void invalid(TextArea field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    /**
     * A number as the viewer writes it ("2,5" in German and French) in the form the rules keep
     * ("2.5"); anything that is not wholly a number in their language stays as typed, for the
     * service to refuse with its message.
     */
    String canonical(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return text;
        }
        java.text.DecimalFormatSymbols symbols = java.text.DecimalFormatSymbols.getInstance(getLocale());
        if (symbols.getDecimalSeparator() == ',') {
            // "1.000" is a thousand to a German or French reader, "2,5" two and a half; "2.5" stays 2.5.
            if (text.matches("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?")) {
                return text.replace(".", "").replace(',', '.');
            }
            if (text.matches("-?\\d+,\\d+")) {
                return text.replace(',', '.');
            }
            return text;
        }
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        java.text.ParsePosition position = new java.text.ParsePosition(0);
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(getLocale());
        format.setGroupingUsed(false);
        Number parsed = format.parse(digits, position);
        if (parsed == null || digits.isEmpty() || position.getIndex() != digits.length()
                || !Character.isDigit(digits.charAt(0))) {
            return text;
        }
        java.math.BigDecimal value = java.math.BigDecimal.valueOf(parsed.doubleValue()).stripTrailingZeros();
        return (negative ? value.negate() : value).toPlainString();
    }
}
