package com.custodian.users.ui;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.custodian.users.RoleSummary;
import com.custodian.users.UsersException;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;

/** What the assign dialogs share: who is assigned (one field) and the roles the caller may grant. */
final class AssignmentForm {

    final CheckboxGroup<RoleSummary> roles = new CheckboxGroup<>();
    final FormLayout layout;
    private final HasValidation who;

    AssignmentForm(Component owner, UsersService users, Component whoField, String rolesId) {
        this.who = (HasValidation) whoField;
        roles.setId(rolesId);
        roles.setLabel(owner.getTranslation("users.roles.label"));
        // Not the required indicator: it puts aria-required on the group, which ARIA does not allow there.
        roles.setHelperText(owner.getTranslation("form.choose-at-least-one"));
        roles.setItems(users.grantableRoles());
        roles.setItemLabelGenerator(role -> RoleLabels.of(owner, role));
        layout = new FormLayout(whoField, roles);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        layout.setWidth("28rem");
    }

    Set<UUID> roleIds() {
        return roles.getValue().stream().map(RoleSummary::id).collect(Collectors.toSet());
    }

    void clearErrors() {
        who.setInvalid(false);
        roles.setInvalid(false);
    }

    /** Puts the refusal where it belongs: on the roles, in a notification, or on the field of who. */
    void refused(Component owner, UsersException refusal) {
        String message = Notifications.message(owner, refusal);
        switch (refusal.problem()) {
            case NO_ROLES, ROLE_NOT_FOUND, ROLE_NOT_GRANTABLE -> {
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
