package com.custodian.users.ui;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.users.RoleSummary;
import com.custodian.users.UserRow;
import com.custodian.users.UsersException;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;

/**
 * Assigns a Microsoft Entra group one or more roles: found by the start of its name, or by its
 * object ID. Everyone in the group (nested groups included) then holds the roles while in it.
 */
final class AssignGroupDialog extends Dialog {

    final ComboBox<DirectoryEntry> group = new ComboBox<>();
    final CheckboxGroup<RoleSummary> roles;
    final Button assign = new Button();
    private final AssignmentForm form;

    AssignGroupDialog(UsersService users, UserOrganizations organizations, Consumer<UserRow> assigned) {
        setHeaderTitle(getTranslation("users.assign-group.title"));
        group.setId("assign-group-name");
        group.setLabel(getTranslation("users.assign-group.group"));
        group.setHelperText(getTranslation("users.assign-group.group.help"));
        group.setRequiredIndicatorVisible(true);
        group.setWidthFull();
        group.setClearButtonVisible(true);
        group.setItemLabelGenerator(entry -> entry.displayName() == null ? entry.objectId().toString()
                : entry.displayName());
        // Groups often share a name: each suggestion shows its object ID too.
        group.setRenderer(com.vaadin.flow.data.renderer.LitRenderer.<DirectoryEntry>of("""
                <div>${item.name}<div class="custodian-secondary-line">${item.id}</div></div>""")
                .withProperty("name", entry -> entry.displayName() == null ? "" : entry.displayName())
                .withProperty("id", entry -> entry.objectId().toString()));
        group.setItems(query -> matching(users, query.getFilter().orElse("")).skip(query.getOffset())
                .limit(query.getLimit()));
        form = new AssignmentForm(this, users, organizations, group, "assign-group-roles");
        roles = form.roles;
        // Granting through a group hands the choice of who holds the roles to whoever runs the group.
        com.vaadin.flow.component.html.Paragraph warning = new com.vaadin.flow.component.html.Paragraph(
                getTranslation("users.assign-group.warning"));
        warning.setId("assign-group-warning");
        warning.addClassNames(com.vaadin.flow.theme.lumo.LumoUtility.FontSize.SMALL,
                com.vaadin.flow.theme.lumo.LumoUtility.TextColor.SECONDARY);
        warning.setMaxWidth("28rem");
        add(form.layout, warning);

        assign.setText(getTranslation("users.assign"));
        assign.setId("assign-group-confirm");
        assign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        assign.addClickShortcut(Key.ENTER);
        assign.addClickListener(click -> submit(users, assigned));
        Button cancel = new Button(getTranslation("action.cancel"), click -> close());
        getFooter().add(cancel, assign);
        setCloseOnEsc(true);
        addOpenedChangeListener(opened -> group.focus());
    }

    /** Groups for what was typed: by object ID when it is one, else by the start of the name. */
    private Stream<DirectoryEntry> matching(UsersService users, String filter) {
        String text = filter == null ? "" : filter.strip();
        group.setHelperText(getTranslation("users.assign-group.group.help"));
        if (text.length() < 2) {
            return Stream.empty();
        }
        try {
            if (text.length() == 36) {
                try {
                    UUID id = UUID.fromString(text);
                    return users.lookUp(text).entry(id).filter(entry -> entry.type() == DirectoryObjectType.GROUP)
                            .stream();
                } catch (IllegalArgumentException notAnObjectId) {
                    // A name of 36 characters: search by name below.
                }
            }
            return users.findGroups(text).stream();
        } catch (UsersException refusal) {
            group.setHelperText(Notifications.message(this, refusal));
            return Stream.empty();
        }
    }

    private void submit(UsersService users, Consumer<UserRow> assigned) {
        form.clearErrors();
        if (!form.organizationChosen(this)) {
            return;
        }
        DirectoryEntry chosen = group.getValue();
        if (chosen == null) {
            group.setErrorMessage(getTranslation("users.assign-group.none-chosen"));
            group.setInvalid(true);
            return;
        }
        try {
            UserRow row = users.assignGroup(chosen.objectId().toString(), form.organizationId(), form.roleIds());
            close();
            assigned.accept(row);
        } catch (UsersException refusal) {
            form.refused(this, refusal);
        }
    }
}
