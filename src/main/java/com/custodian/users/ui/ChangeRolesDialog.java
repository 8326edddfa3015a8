package com.custodian.users.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.custodian.users.RoleSummary;
import com.custodian.users.UserRow;
import com.custodian.users.UsersException;
import com.custodian.users.UsersProblem;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/** Changes a user's roles in place (IoT Central makes you delete and re-add the user). */
final class ChangeRolesDialog extends Dialog {

    final CheckboxGroup<RoleSummary> roles = new CheckboxGroup<>();
    final Button save = new Button();

    ChangeRolesDialog(UserRow user, String shownAs, UsersService users, Consumer<UserRow> changed) {
        setHeaderTitle(getTranslation("users.change-roles.title", shownAs));
        roles.setId("change-roles");
        roles.setLabel(getTranslation("users.roles.label"));
        // Roles the caller may not grant still show, checked and fixed, so nothing is hidden.
        List<RoleSummary> grantable = users.grantableRoles();
        Set<RoleSummary> items = new LinkedHashSet<>(grantable);
        items.addAll(user.roles());
        roles.setItems(items);
        roles.setItemLabelGenerator(role -> RoleLabels.of(this, role));
        roles.setItemEnabledProvider(grantable::contains);
        roles.setValue(Set.copyOf(user.roles()));
        add(new Paragraph(getTranslation("users.change-roles.help")), roles);
        setWidth("28rem");

        save.setText(getTranslation("action.save"));
        save.setId("change-roles-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(click -> save(user, users, changed, false));
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), save);
    }

    private void save(UserRow user, UsersService users, Consumer<UserRow> changed, boolean selfConfirmed) {
        Set<UUID> roleIds = roles.getValue().stream().map(RoleSummary::id).collect(Collectors.toSet());
        try {
            UserRow row = users.changeRoles(user.id(), user.version(), roleIds, selfConfirmed);
            close();
            changed.accept(row);
        } catch (UsersException refusal) {
            if (refusal.problem() == UsersProblem.SELF_NOT_CONFIRMED) {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("users.self.title"),
                        getTranslation("users.self.change-roles"), getTranslation("users.self.confirm"),
                        yes -> save(user, users, changed, true));
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("action.cancel"));
                confirm.setConfirmButtonTheme("error primary");
                confirm.open();
            } else if (refusal.problem() == UsersProblem.NO_ROLES || refusal.problem() == UsersProblem.ROLE_NOT_GRANTABLE) {
                roles.setErrorMessage(Notifications.message(this, refusal));
                roles.setInvalid(true);
            } else {
                Notifications.refused(this, refusal);
                if (refusal.problem() == UsersProblem.CONCURRENT_CHANGE) {
                    close();
                    changed.accept(null);
                }
            }
        }
    }
}
