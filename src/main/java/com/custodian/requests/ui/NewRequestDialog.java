package com.custodian.requests.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import com.custodian.requests.DataRequestException;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** Opens a customer data request: type, subject, the day it was received, a reference and a note. */
class NewRequestDialog extends Dialog {

    final Select<RequestType> type = new Select<>();
    final TextField subject = new TextField();
    final DatePicker receivedOn = new DatePicker();
    final TextField reference = new TextField();
    final TextArea note = new TextArea();
    final Button open = new Button();

    NewRequestDialog(DataRequestsService requests, Consumer<RequestRow> opened) {
        setId("new-request");
        setHeaderTitle(getTranslation("requests.new.title"));
        setWidth("34rem");
        type.setId("new-request-type");
        type.setLabel(getTranslation("requests.column.type"));
        type.setItems(RequestType.values());
        type.setItemLabelGenerator(kind -> getTranslation("requests.type." + kind.name().toLowerCase()));
        // No type chosen for the administrator: an erasure is not what a slip of the Enter key should open.
        // (No required marker: Vaadin puts aria-required on the select's button, which no button may carry.)
        subject.setLabel(getTranslation("requests.new.subject"));
        subject.setHelperText(getTranslation("requests.new.subject.help"));
        subject.setId("request-subject");
        subject.setMaxLength(4000);
        com.custodian.base.ui.DatePickers.localize(receivedOn);
        receivedOn.setLabel(getTranslation("requests.column.received"));
        receivedOn.setValue(LocalDate.now(ZoneOffset.UTC));
        receivedOn.setMax(LocalDate.now(ZoneOffset.UTC));
        reference.setLabel(getTranslation("requests.new.reference"));
        reference.setHelperText(getTranslation("requests.new.reference.help"));
        note.setLabel(getTranslation("requests.new.note"));
        note.setMaxLength(2000);
        FormLayout form = new FormLayout(type, receivedOn, subject, reference, note);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("28rem", 2));
        form.setColspan(subject, 2);
        form.setColspan(reference, 2);
        form.setColspan(note, 2);
        add(form);
        open.setText(getTranslation("requests.new.open"));
        open.setId("open-request");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Enter opens the request from the text fields; in the type or date picker it only picks.
        open.addClickShortcut(Key.ENTER).listenOn(subject, reference);
        open.addClickListener(click -> {
            java.util.List.<HasValidation>of(type, subject, receivedOn, reference, note).forEach(f -> f.setInvalid(false));
            try {
                RequestRow row = requests.open(new NewRequest(type.getValue(), subject.getValue(), receivedOn.getValue(),
                        reference.getValue(), note.getValue()));
                close();
                opened.accept(row);
            } catch (DataRequestException refused) {
                HasValidation field = switch (refused.field()) {
                    case "type" -> type;
                    case "receivedOn" -> receivedOn;
                    case "reference" -> reference;
                    case "note" -> note;
                    default -> subject;
                };
                field.setErrorMessage(getTranslation(refused.problem().messageKey(), refused.arguments()));
                field.setInvalid(true);
            }
        });
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), open);
    }
}
