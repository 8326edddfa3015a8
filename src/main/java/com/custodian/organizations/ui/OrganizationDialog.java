package com.custodian.organizations.ui;

import java.util.function.Consumer;
import java.util.function.Function;

import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsException;
import com.custodian.organizations.OrganizationsService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** Adds an organization under another, or renames one and changes its description. */
final class OrganizationDialog extends Dialog {

    final TextField name = new TextField();
    final TextArea description = new TextArea();
    final Button save = new Button();

    /** A new organization under the parent. */
    static OrganizationDialog create(OrganizationsService organizations, OrganizationRow parent,
            Consumer<OrganizationRow> saved, Function<OrganizationRow, String> nameOf) {
        OrganizationDialog dialog = new OrganizationDialog(saved);
        dialog.setHeaderTitle(dialog.getTranslation("organizations.add.title", nameOf.apply(parent)));
        dialog.save.setText(dialog.getTranslation("organizations.add.button"));
        dialog.save.addClickListener(click -> dialog.submit(
                () -> organizations.create(parent.id(), dialog.name.getValue(), dialog.description.getValue())));
        return dialog;
    }

    /** A change to the organization's name and description. */
    static OrganizationDialog edit(OrganizationsService organizations, OrganizationRow organization,
            Consumer<OrganizationRow> saved) {
        OrganizationDialog dialog = new OrganizationDialog(saved);
        dialog.setHeaderTitle(dialog.getTranslation("organizations.edit.title", organization.name()));
        dialog.name.setValue(organization.name());
        dialog.description.setValue(organization.description() == null ? "" : organization.description());
        dialog.save.setText(dialog.getTranslation("action.save"));
        dialog.save.addClickListener(click -> dialog.submit(() -> organizations.update(organization.id(),
                organization.version(), dialog.name.getValue(), dialog.description.getValue())));
        return dialog;
    }

    private final Consumer<OrganizationRow> saved;

    private OrganizationDialog(Consumer<OrganizationRow> saved) {
        this.saved = saved;
        setId("organization-dialog");
        name.setId("organization-name");
        name.setLabel(getTranslation("organizations.column.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(OrganizationsService.MAX_NAME);
        name.setWidthFull();
        description.setId("organization-description");
        description.setLabel(getTranslation("organizations.column.description"));
        description.setHelperText(getTranslation("form.optional"));
        description.setMaxLength(OrganizationsService.MAX_DESCRIPTION);
        description.setWidthFull();
        FormLayout form = new FormLayout(name, description);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setWidth("26rem");
        add(form);
        save.setId("organization-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), save);
        setCloseOnEsc(true);
        addOpenedChangeListener(opened -> name.focus());
    }

    private void submit(java.util.function.Supplier<OrganizationRow> change) {
        name.setInvalid(false);
        description.setInvalid(false);
        try {
            OrganizationRow row = change.get();
            close();
            saved.accept(row);
        } catch (OrganizationsException refusal) {
            String message = getTranslation(refusal.problem().messageKey(), refusal.arguments());
            switch (refusal.problem()) {
                case NAME_INVALID, NAME_TAKEN -> {
                    name.setErrorMessage(message);
                    name.setInvalid(true);
                }
                case DESCRIPTION_INVALID -> {
                    description.setErrorMessage(message);
                    description.setInvalid(true);
                }
                default -> {
                    Notification notification = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
                    notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            }
        }
    }
}
