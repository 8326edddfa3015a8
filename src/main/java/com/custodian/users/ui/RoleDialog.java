package com.custodian.users.ui;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

import com.custodian.security.Permission;
import com.custodian.users.RoleRow;
import com.custodian.users.RolesService;
import com.custodian.users.UsersException;
import com.custodian.users.UsersProblem;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;

/** Creates a custom role, or renames one and edits its permissions. */
final class RoleDialog extends Dialog {

    final TextField name = new TextField();
    final CheckboxGroup<Permission> permissions = new CheckboxGroup<>();
    final Button save = new Button();

    /** @param existing null to create a role */
    RoleDialog(RoleRow existing, RolesService roles, Consumer<RoleRow> saved) {
        setHeaderTitle(existing == null ? getTranslation("roles.new.title")
                : getTranslation("roles.edit.title", existing.name()));
        name.setId("role-name");
        name.setLabel(getTranslation("roles.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(RolesService.MAX_NAME_LENGTH);
        name.setWidthFull();
        permissions.setId("role-permissions");
        permissions.setLabel(getTranslation("roles.permissions"));
        // Not the required indicator: it puts aria-required on the group, which ARIA does not allow there.
        permissions.setHelperText(getTranslation("form.choose-at-least-one"));
        permissions.setItems(EnumSet.allOf(Permission.class));
        permissions.setItemLabelGenerator(permission -> getTranslation(permission.labelKey()));
        permissions.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        if (existing != null) {
            name.setValue(existing.name());
            permissions.setValue(existing.permissions());
        }
        FormLayout form = new FormLayout(name, permissions);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setWidth("26rem");
        add(form);

        save.setText(getTranslation(existing == null ? "roles.create" : "action.save"));
        save.setId("role-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(click -> save(existing, roles, saved, false));
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), save);
        addOpenedChangeListener(opened -> name.focus());
    }

    private void save(RoleRow existing, RolesService roles, Consumer<RoleRow> saved, boolean selfConfirmed) {
        name.setInvalid(false);
        permissions.setInvalid(false);
        Set<Permission> granted = permissions.getValue();
        try {
            RoleRow row = existing == null ? roles.createRole(name.getValue(), granted)
                    : roles.updateRole(existing.id(), existing.version(), name.getValue(), granted, selfConfirmed);
            close();
            saved.accept(row);
        } catch (UsersException refusal) {
            String message = Notifications.message(this, refusal);
            if (refusal.problem() == UsersProblem.SELF_NOT_CONFIRMED) {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("users.self.title"),
                        getTranslation("roles.self.manage-users"), getTranslation("users.self.confirm"),
                        yes -> save(existing, roles, saved, true));
                confirm.setId("confirm-role-self");
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("action.cancel"));
                Confirmations.destructive(confirm);
                confirm.open();
            } else if (refusal.problem() == UsersProblem.ROLE_NAME_INVALID || refusal.problem() == UsersProblem.ROLE_NAME_TAKEN) {
                name.setErrorMessage(message);
                name.setInvalid(true);
            } else if (refusal.problem() == UsersProblem.ROLE_WITHOUT_PERMISSIONS
                    || refusal.problem() == UsersProblem.ROLE_NOT_GRANTABLE) {
                permissions.setErrorMessage(message);
                permissions.setInvalid(true);
            } else {
                Notifications.refused(this, refusal);
                close();
                saved.accept(null);
            }
        }
    }
}
