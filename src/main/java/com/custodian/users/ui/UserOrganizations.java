package com.custodian.users.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsService;
import com.custodian.organizations.Reach;
import com.custodian.organizations.ui.TreeOrder;
import com.custodian.security.Permission;
import com.custodian.security.Scope;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;

/**
 * The organizations of the Users page, read once with it: their names for the roles column, and
 * those the reader manages users in (in tree order) for the organization fields of the dialogs.
 */
final class UserOrganizations {

    private final Component owner;
    private final Map<UUID, OrganizationRow> byId = new HashMap<>();
    private final List<OrganizationRow> managed;

    UserOrganizations(Component owner, OrganizationsService organizations) {
        this.owner = owner;
        List<OrganizationRow> tree = organizations.tree();
        tree.forEach(row -> byId.put(row.id(), row));
        Reach reach = organizations.reach(Permission.MANAGE_USERS);
        managed = TreeOrder.of(tree).stream().filter(row -> reach.includes(row.id())).toList();
    }

    String name(UUID id) {
        OrganizationRow row = byId.get(id);
        return row == null ? "" : row.isRoot() ? owner.getTranslation("organizations.root") : row.name();
    }

    /** Where a new assignment goes unless the reader chooses: the root when theirs, else their first. */
    OrganizationRow initial() {
        return managed.stream().filter(row -> Scope.ROOT.equals(row.id())).findFirst()
                .orElse(managed.isEmpty() ? null : managed.getFirst());
    }

    /** Whether there is a choice to make at all (one organization needs no field). */
    boolean several() {
        return managed.size() > 1;
    }

    ComboBox<OrganizationRow> field(String id) {
        ComboBox<OrganizationRow> field = new ComboBox<>(owner.getTranslation("users.organization.label"));
        field.setId(id);
        field.setHelperText(owner.getTranslation("users.organization.help"));
        com.custodian.organizations.ui.OrganizationPicker.configure(field, managed, row -> name(row.id()));
        field.setValue(initial());
        field.setRequired(true);
        field.setAllowCustomValue(false);
        return field;
    }
}
