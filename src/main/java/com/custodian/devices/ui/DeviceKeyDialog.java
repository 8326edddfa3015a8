package com.custodian.devices.ui;

import com.custodian.devices.NewDevice;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;

/** Shows a device's key the one time it exists outside the device. */
final class DeviceKeyDialog extends Dialog {

    final TextField key = new TextField();

    DeviceKeyDialog(NewDevice device) {
        setHeaderTitle(getTranslation("devices.key.title", device.device().deviceId()));
        Paragraph warning = new Paragraph(getTranslation("devices.key.once"));
        key.setId("device-key");
        key.setLabel(getTranslation("devices.key.label"));
        key.setValue(device.key());
        key.setReadOnly(true);
        key.setWidthFull();
        Button copy = new Button(getTranslation("devices.key.copy"), VaadinIcon.COPY.create(),
                click -> getUI().ifPresent(ui -> ui.getPage().executeJs("return navigator.clipboard.writeText($0)",
                        device.key())));
        Paragraph usage = new Paragraph(getTranslation("devices.key.usage", device.device().deviceId()));
        usage.addClassNames("custodian-key-usage");
        add(warning, key, copy, usage);
        setWidth("34rem");
        Button done = new Button(getTranslation("devices.key.done"), click -> close());
        done.setId("device-key-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }
}
