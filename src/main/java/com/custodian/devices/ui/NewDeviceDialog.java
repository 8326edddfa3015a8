package com.custodian.devices.ui;

import java.util.function.Consumer;

import com.custodian.devices.DevicesException;
import com.custodian.devices.DevicesService;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TemplateSummary;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/** Registers a device: its ID, a name, and its template. */
final class NewDeviceDialog extends Dialog {

    final TextField deviceId = new TextField();
    final TextField name = new TextField();
    final Select<TemplateSummary> template = new Select<>();
    final Select<com.custodian.organizations.OrganizationRow> organization = new Select<>();
    final Button create = new Button();

    NewDeviceDialog(DevicesService devices, java.util.List<com.custodian.organizations.OrganizationRow> organizations,
            java.util.function.Function<com.custodian.organizations.OrganizationRow, String> organizationLabel,
            Consumer<NewDevice> created) {
        setHeaderTitle(getTranslation("devices.new.title"));
        deviceId.setId("new-device-id");
        deviceId.setLabel(getTranslation("devices.column.device-id"));
        deviceId.setHelperText(getTranslation("devices.new.device-id.help"));
        deviceId.setRequiredIndicatorVisible(true);
        deviceId.setMaxLength(128);
        name.setId("new-device-name");
        name.setLabel(getTranslation("devices.column.name"));
        name.setMaxLength(200);
        template.setId("new-device-template");
        template.setLabel(getTranslation("devices.column.template"));
        template.setItems(devices.templates());
        template.setItemLabelGenerator(TemplateSummary::name);
        // Not the required indicator: it puts aria-required on the select's button, which ARIA does not allow.
        template.setHelperText(getTranslation("form.required"));
        organization.setId("new-device-organization");
        organization.setLabel(getTranslation("devices.new.organization"));
        organization.setItems(organizations);
        organization.setItemLabelGenerator(organizationLabel::apply);
        organizations.stream().filter(com.custodian.organizations.OrganizationRow::isRoot).findFirst()
                .or(() -> organizations.stream().findFirst()).ifPresent(organization::setValue);
        FormLayout form = new FormLayout(deviceId, name, template, organization);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setWidth("26rem");
        add(form);
        create.setText(getTranslation("devices.new.create"));
        create.setId("new-device-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Enter creates from the text fields; in the template select it only picks a template.
        create.addClickShortcut(Key.ENTER).listenOn(deviceId, name);
        create.addClickListener(click -> {
            deviceId.setInvalid(false);
            template.setInvalid(false);
            name.setInvalid(false);
            try {
                NewDevice device = devices.createDevice(deviceId.getValue(), name.getValue(),
                        template.getValue() == null ? null : template.getValue().id(),
                        organization.getValue() == null ? null : organization.getValue().id());
                close();
                created.accept(device);
            } catch (DevicesException refusal) {
                String message = getTranslation(refusal.problem().messageKey(), refusal.arguments());
                switch (refusal.problem()) {
                    case TEMPLATE_NOT_FOUND -> {
                        template.setErrorMessage(message);
                        template.setInvalid(true);
                    }
                    case NAME_INVALID -> {
                        name.setErrorMessage(message);
                        name.setInvalid(true);
                    }
                    case ORGANIZATION_NOT_FOUND -> {
                        organization.setErrorMessage(message);
                        organization.setInvalid(true);
                    }
                    default -> {
                        deviceId.setErrorMessage(message);
                        deviceId.setInvalid(true);
                    }
                }
            }
        });
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), create);
        addOpenedChangeListener(opened -> deviceId.focus());
    }
}
