package com.custodian.devices.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.custodian.devices.DevicesException;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TemplateSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/** Defines a device template: a name and its telemetry fields, each with a type and a unit. */
final class NewTemplateDialog extends Dialog {

    /** One field's inputs. */
    record FieldRow(TextField name, Select<FieldType> type, TextField unit, HorizontalLayout layout) {
    }

    final TextField name = new TextField();
    final List<FieldRow> fields = new ArrayList<>();
    final Button create = new Button();
    private final VerticalLayout rows = new VerticalLayout();

    NewTemplateDialog(DevicesService devices, Consumer<TemplateSummary> created) {
        setHeaderTitle(getTranslation("templates.new.title"));
        name.setId("template-name");
        name.setLabel(getTranslation("templates.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(100);
        name.setWidthFull();
        rows.setPadding(false);
        rows.setSpacing(false);
        addField();
        Button add = new Button(getTranslation("templates.add-field"), VaadinIcon.PLUS.create(), click -> addField());
        add.setId("template-add-field");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(name, rows, add);
        setWidth("40rem");
        create.setText(getTranslation("devices.new.create"));
        create.setId("template-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> {
            name.setInvalid(false);
            List<FieldSpec> specs = fields.stream().filter(row -> !row.name().getValue().isBlank())
                    .map(row -> new FieldSpec(row.name().getValue().strip(), row.type().getValue(),
                            row.unit().getValue().isBlank() ? null : row.unit().getValue().strip()))
                    .toList();
            try {
                TemplateSummary template = devices.createTemplate(name.getValue(), specs);
                close();
                created.accept(template);
            } catch (DevicesException refusal) {
                name.setErrorMessage(refusal.problem() == com.custodian.devices.DevicesProblem.TEMPLATE_INVALID
                        && !"name".equals(String.valueOf(refusal.arguments()[0]))
                        ? getTranslation("templates.invalid-field", refusal.arguments())
                        : getTranslation(refusal.problem().messageKey(), refusal.arguments()));
                name.setInvalid(true);
            }
        });
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), create);
    }

    private void addField() {
        TextField fieldName = new TextField();
        fieldName.setPlaceholder(getTranslation("templates.field-name"));
        fieldName.setAriaLabel(getTranslation("templates.field-name"));
        fieldName.setPattern(DevicesService.FIELD_NAME.pattern());
        fieldName.setMaxLength(64);
        Select<FieldType> type = new Select<>();
        type.setItems(FieldType.values());
        type.setValue(FieldType.NUMBER);
        type.setAriaLabel(getTranslation("templates.field-type"));
        type.setItemLabelGenerator(value -> getTranslation("templates.type." + value.name()));
        TextField unit = new TextField();
        unit.setPlaceholder(getTranslation("templates.unit"));
        unit.setAriaLabel(getTranslation("templates.unit"));
        unit.setMaxLength(32);
        unit.setWidth("7rem");
        HorizontalLayout layout = new HorizontalLayout(fieldName, type, unit);
        FieldRow row = new FieldRow(fieldName, type, unit, layout);
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
            fields.remove(row);
            rows.remove(layout);
        });
        remove.setAriaLabel(getTranslation("templates.remove-field"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        layout.add(remove);
        layout.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        fields.add(row);
        rows.add(layout);
    }
}
