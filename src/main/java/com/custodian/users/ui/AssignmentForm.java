package com.custodian.users.ui;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.custodian.organizations.OrganizationRow;
import com.custodian.users.RoleSummary;
import com.custodian.users.UsersException;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;

/**
 * What the assign dialogs share: who is assigned (one field), the organization the roles are given
 * in (when the caller manages users in more than one), and the roles the caller may grant there.
 */
final class AssignmentForm {

    final CheckboxGroup<RoleSummary> roles = new CheckboxGroup<>();
    final ComboBox<OrganizationRow> organization;
    final FormLayout layout;
    private final HasValidation who;

    AssignmentForm(Component owner, UsersService users, UserOrganizations organizations, Component whoField,
            String rolesId) {
        this.who = (HasValidation) whoField;
        organization = organizations.field(rolesId + "-organization");
        organization.addValueChangeListener(change -> {
            roles.setItems(change.getValue() == null ? java.util.List.of() : users.grantableRoles(change.getValue().id()));
            organization.setInvalid(false);
        });
        roles.setId(rolesId);
        roles.setLabel(owner.getTranslation("users.roles.label"));
        // Not the required indicator: it puts aria-required on the group, which ARIA does not allow there.
        roles.setHelperText(owner.getTranslation("form.choose-at-least-one"));
        roles.setItems(organization.getValue() == null ? java.util.List.of()
                : users.grantableRoles(organization.getValue().id()));
        roles.setItemLabelGenerator(role -> RoleLabels.of(owner, role));
        layout = new FormLayout(whoField, organization, roles);
        organization.setVisible(organizations.several());
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        layout.setWidth("28rem");
    }

    /** Marks an empty organization field; true when one is chosen. */
    boolean organizationChosen(Component owner) {
        if (organization.getValue() != null) {
            return true;
        }
        organization.setErrorMessage(owner.getTranslation("users.organization.required"));
        organization.setInvalid(true);
        return false;
    }

    UUID organizationId() {
        return organization.getValue() == null ? null : organization.getValue().id();
    }

    Set<UUID> roleIds() {
        return roles.getValue().stream().map(RoleSummary::id).collect(Collectors.toSet());
    }

    void clearErrors() {
        who.setInvalid(false);
        roles.setInvalid(false);
        organization.setInvalid(false);
    }

    /** Puts the refusal where it belongs: on the roles, in a notification, or on the field of who. */
    void refused(Component owner, UsersException refusal) {
        String message = Notifications.message(owner, refusal);
        switch (refusal.problem()) {
            case ORGANIZATION_NOT_FOUND, ALREADY_IN_ORGANIZATION -> {
                organization.setErrorMessage(message);
                organization.setInvalid(true);
            }
            case NO_ROLES, ROLE_NOT_FOUND, ROLE_NOT_GRANTABLE, ROLE_ONLY_AT_ROOT -> {
                roles.setErrorMessage(message);
                roles.setInvalid(true);
            }
            case DIRECTORY_UNAVAILABLE -> Notifications.error(message);
            default -> {
                who.setErrorMessage(message);
                who.setInvalid(true);
            }
        }
    }
}
