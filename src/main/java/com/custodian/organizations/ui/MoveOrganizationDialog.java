package com.custodian.organizations.ui;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsException;
import com.custodian.organizations.OrganizationsService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * Moves an organization, with everything below it, under another. The choices leave out the
 * organization itself and its descendants; the service checks again, and checks the depth.
 */
final class MoveOrganizationDialog extends Dialog {

    final ComboBox<OrganizationRow> parent = new ComboBox<>();
    final Button move = new Button();

    MoveOrganizationDialog(OrganizationsService organizations, OrganizationRow organization, List<OrganizationRow> tree,
            Function<OrganizationRow, String> nameOf, Consumer<OrganizationRow> moved) {
        setId("move-organization-dialog");
        setHeaderTitle(getTranslation("organizations.move.title", organization.name()));
        List<OrganizationRow> choices = TreeOrder.of(tree).stream()
                .filter(row -> !TreeOrder.isWithin(row, organization, tree)).toList();
        parent.setId("move-organization-parent");
        parent.setLabel(getTranslation("organizations.move.under"));
        OrganizationPicker.configure(parent, choices, nameOf);
        parent.setWidthFull();
        choices.stream().filter(row -> row.id().equals(organization.parentId())).findFirst().ifPresent(parent::setValue);
        add(new Paragraph(getTranslation("organizations.move.help")), parent);
        setWidth("28rem");
        move.setText(getTranslation("organizations.move.button"));
        move.setId("move-organization-confirm");
        move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        move.addClickListener(click -> {
            if (parent.getValue() == null) {
                parent.setErrorMessage(getTranslation("organizations.move.none-chosen"));
                parent.setInvalid(true);
                return;
            }
            try {
                OrganizationRow row = organizations.move(organization.id(), organization.version(),
                        parent.getValue().id());
                close();
                moved.accept(row);
            } catch (OrganizationsException refusal) {
                Notification notification = Notification.show(getTranslation(refusal.problem().messageKey(),
                        refusal.arguments()), 8000, Notification.Position.TOP_CENTER);
                notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), move);
        setCloseOnEsc(true);
    }
}
