package com.custodian.users.ui;

import java.util.UUID;
import java.util.function.Consumer;

import com.custodian.users.RoleSummary;
import com.custodian.users.UserRow;
import com.custodian.users.UsersException;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Assigns a person by email address (looked up in the directory), or a service principal by
 * object ID, with one or more roles.
 */
final class AssignUserDialog extends Dialog {

    enum Kind {
        PERSON, SERVICE_PRINCIPAL
    }

    final TextField identifier = new TextField();
    final CheckboxGroup<RoleSummary> roles;
    final Button assign = new Button();
    private final AssignmentForm form;

    AssignUserDialog(Kind kind, UsersService users, UserOrganizations organizations, Consumer<UserRow> assigned) {
        boolean person = kind == Kind.PERSON;
        setHeaderTitle(getTranslation(person ? "users.assign-user.title" : "users.assign-sp.title"));
        identifier.setId("assign-identifier");
        identifier.setLabel(getTranslation(person ? "users.assign-user.email" : "users.assign-sp.object-id"));
        identifier.setHelperText(getTranslation(person ? "users.assign-user.email.help" : "users.assign-sp.object-id.help"));
        identifier.setRequiredIndicatorVisible(true);
        identifier.setMaxLength(254);
        identifier.setWidthFull();
        identifier.setClearButtonVisible(true);
        if (!person) {
            identifier.addValueChangeListener(change -> showServicePrincipalName(users));
        }
        form = new AssignmentForm(this, users, organizations, identifier, "assign-roles");
        roles = form.roles;
        add(form.layout);

        assign.setText(getTranslation("users.assign"));
        assign.setId("assign-confirm");
        assign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        assign.addClickShortcut(Key.ENTER);
        assign.addClickListener(click -> submit(kind, users, assigned));
        Button cancel = new Button(getTranslation("action.cancel"), click -> close());
        getFooter().add(cancel, assign);
        setCloseOnEsc(true);
        addOpenedChangeListener(opened -> identifier.focus());
    }

    AssignmentForm form() {
        return form;
    }

    private void submit(Kind kind, UsersService users, Consumer<UserRow> assigned) {
        form.clearErrors();
        if (!form.organizationChosen(this)) {
            return;
        }
        try {
            UserRow row = kind == Kind.PERSON
                    ? users.assignUserByEmail(identifier.getValue(), form.organizationId(), form.roleIds())
                    : users.assignServicePrincipal(identifier.getValue(), form.organizationId(), form.roleIds());
            close();
            assigned.accept(row);
        } catch (UsersException refusal) {
            form.refused(this, refusal);
        }
    }

    /** Names the service principal as soon as a well-formed object ID is entered. */
    private void showServicePrincipalName(UsersService users) {
        String text = identifier.getValue().strip();
        identifier.setHelperText(getTranslation("users.assign-sp.object-id.help"));
        if (text.length() != 36) {
            return;
        }
        try {
            UUID id = UUID.fromString(text);
            users.lookUp(text).entry(id).ifPresentOrElse(
                    entry -> identifier.setHelperText(getTranslation("users.assign-sp.found", entry.displayName())),
                    () -> identifier.setHelperText(getTranslation("users.assign-sp.unknown")));
        } catch (IllegalArgumentException | UsersException e) {
            // Said on submit.
        }
    }
}
