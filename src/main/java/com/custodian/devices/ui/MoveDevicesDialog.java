package com.custodian.devices.ui;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.custodian.devices.DevicesException;
import com.custodian.devices.DevicesService;
import com.custodian.organizations.OrganizationRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;

/** Moves the selected devices to another organization: one audited action per device. */
final class MoveDevicesDialog extends Dialog {

    final ComboBox<OrganizationRow> organization = new ComboBox<>();
    final Button move = new Button();

    MoveDevicesDialog(DevicesService devices, List<Long> ids, List<OrganizationRow> organizations,
            Function<OrganizationRow, String> label, BiConsumer<Integer, OrganizationRow> moved) {
        setId("move-devices-dialog");
        setHeaderTitle(getTranslation("devices.move.title", ids.size()));
        organization.setId("move-devices-organization");
        organization.setLabel(getTranslation("devices.move.to"));
        com.custodian.organizations.ui.OrganizationPicker.configure(organization, organizations, label);
        organization.setWidthFull();
        add(organization);
        setWidth("26rem");
        move.setText(getTranslation("devices.move.button"));
        move.setId("move-devices-confirm");
        move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        move.addClickListener(click -> {
            OrganizationRow to = organization.getValue();
            if (to == null) {
                organization.setErrorMessage(getTranslation("organizations.move.none-chosen"));
                organization.setInvalid(true);
                return;
            }
            try {
                int count = devices.moveDevices(ids, to.id());
                close();
                moved.accept(count, to);
            } catch (DevicesException refusal) {
                organization.setErrorMessage(getTranslation(refusal.problem().messageKey(), refusal.arguments()));
                organization.setInvalid(true);
            }
        });
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), move);
        setCloseOnEsc(true);
    }
}
