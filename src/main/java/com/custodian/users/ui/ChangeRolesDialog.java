package com.custodian.users.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.custodian.organizations.OrganizationRow;
import com.custodian.users.RoleSummary;
import com.custodian.users.UserRow;
import com.custodian.users.UsersException;
import com.custodian.users.UsersProblem;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Changes a user's roles in place (IoT Central makes you delete and re-add the user), in one
 * organization at a time: the one chosen first shows the roles held there.
 */
final class ChangeRolesDialog extends Dialog {

    final CheckboxGroup<RoleSummary> roles = new CheckboxGroup<>();
    final ComboBox<OrganizationRow> organization;
    final Button save = new Button();

    ChangeRolesDialog(UserRow user, String shownAs, UsersService users, UserOrganizations organizations,
            Consumer<UserRow> changed) {
        setHeaderTitle(getTranslation("users.change-roles.title", shownAs));
        organization = organizations.field("change-roles-organization");
        // Where they hold roles first, so the dialog opens on what there is to change.
        user.assignments().stream().map(UserRow.Assignment::organizationId).findFirst()
                .flatMap(id -> organization.getListDataView().getItems().filter(row -> row.id().equals(id)).findFirst())
                .ifPresent(organization::setValue);
        organization.setVisible(organizations.several());
        organization.addValueChangeListener(change -> showRoles(user, users));
        roles.setId("change-roles");
        roles.setLabel(getTranslation("users.roles.label"));
        roles.setItemLabelGenerator(role -> RoleLabels.of(this, role));
        showRoles(user, users);
        add(new Paragraph(getTranslation("users.change-roles.help")), organization, roles);
        organization.setWidthFull();
        setWidth("28rem");

        save.setText(getTranslation("action.save"));
        save.setId("change-roles-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(click -> save(user, users, changed, false));
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), save);
    }

    /** The roles held in the chosen organization, checked; those the caller may not grant there still show, fixed. */
    private void showRoles(UserRow user, UsersService users) {
        OrganizationRow chosen = organization.getValue();
        List<RoleSummary> grantable = chosen == null ? List.of() : users.grantableRoles(chosen.id());
        List<RoleSummary> held = chosen == null ? List.of() : user.rolesIn(chosen.id());
        Set<RoleSummary> items = new LinkedHashSet<>(grantable);
        items.addAll(held);
        roles.setItems(items);
        roles.setItemEnabledProvider(grantable::contains);
        roles.setValue(Set.copyOf(held));
        roles.setInvalid(false);
    }

    private void save(UserRow user, UsersService users, Consumer<UserRow> changed, boolean selfConfirmed) {
        if (organization.getValue() == null) {
            organization.setErrorMessage(getTranslation("users.organization.required"));
            organization.setInvalid(true);
            return;
        }
        Set<UUID> roleIds = roles.getValue().stream().map(RoleSummary::id).collect(Collectors.toSet());
        try {
            UserRow row = users.changeRoles(user.id(), user.version(),
                    organization.getValue() == null ? null : organization.getValue().id(), roleIds, selfConfirmed);
            close();
            changed.accept(row);
        } catch (UsersException refusal) {
            if (refusal.problem() == UsersProblem.SELF_NOT_CONFIRMED) {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("users.self.title"),
                        getTranslation("users.self.change-roles"), getTranslation("users.self.confirm"),
                        yes -> save(user, users, changed, true));
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("action.cancel"));
                Confirmations.destructive(confirm);
                confirm.open();
            } else if (refusal.problem() == UsersProblem.NO_ROLES || refusal.problem() == UsersProblem.ROLE_NOT_GRANTABLE
                    || refusal.problem() == UsersProblem.ROLE_ONLY_AT_ROOT) {
                roles.setErrorMessage(Notifications.message(this, refusal));
                roles.setInvalid(true);
            } else if (refusal.problem() == UsersProblem.ORGANIZATION_NOT_FOUND) {
                organization.setErrorMessage(Notifications.message(this, refusal));
                organization.setInvalid(true);
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
