package com.custodian.users.ui;

import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LeanGrid;
import com.custodian.users.GroupDetail;
import com.custodian.users.UserRow;
import com.custodian.users.UsersException;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * An assigned group: its roles, how many people Entra says it holds, and those of them who have
 * signed in to Custodian through it, with their names and addresses from the directory.
 */
final class GroupDialog extends Dialog {

    final Grid<GroupDetail.Member> members = new LeanGrid<>();

    /** Opens the group's dialog, or says it is gone. */
    static void open(com.vaadin.flow.component.Component view, long id, UsersService users,
            UserOrganizations organizations, Consumer<UserRow> changed) {
        GroupDetail detail;
        try {
            detail = users.group(id);
        } catch (UsersException refusal) {
            Notifications.refused(view, refusal);
            changed.accept(null);
            return;
        }
        new GroupDialog(detail, users, organizations, changed).open();
    }

    private GroupDialog(GroupDetail detail, UsersService users, UserOrganizations organizations,
            Consumer<UserRow> changed) {
        UserRow group = detail.group();
        String name = group.displayName() != null ? group.displayName() : group.objectId().toString();
        setHeaderTitle(getTranslation("users.group.title", name));
        setId("group-dialog");
        setWidth("44rem");

        FormLayout facts = new FormLayout();
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        Code objectId = new Code(group.objectId().toString());
        facts.addFormItem(objectId, getTranslation("users.object-id"));
        Span count = new Span(switch (group.directoryStatus()) {
            case FOUND -> group.memberCount() == null ? getTranslation("users.group.members-unknown")
                    : getTranslation("users.group.members", group.memberCount());
            case NOT_IN_DIRECTORY -> getTranslation("users.not-in-directory.hint");
            case UNAVAILABLE -> getTranslation("users.directory-unavailable.hint");
        });
        count.setId("group-member-count");
        facts.addFormItem(count, getTranslation("users.group.in-entra"));
        Span roles = new Span(group.roles().stream().map(role -> RoleLabels.of(this, role))
                .collect(Collectors.joining(", ")));
        roles.setId("group-roles");
        facts.addFormItem(roles, getTranslation("users.column.roles"));

        H3 signedInTitle = new H3(getTranslation("users.group.signed-in", detail.signedIn()));
        signedInTitle.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.Top.MEDIUM);
        Paragraph explanation = new Paragraph(getTranslation("users.group.signed-in.help"));
        explanation.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);

        members.setId("group-members");
        members.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        members.addColumn(member -> member.email() != null ? member.email() : member.objectId().toString())
                .setHeader(getTranslation("users.column.email")).setFlexGrow(2).setResizable(true);
        members.addColumn(member -> switch (member.directoryStatus()) {
            case FOUND -> member.displayName() == null ? "" : member.displayName();
            case NOT_IN_DIRECTORY -> getTranslation("users.not-in-directory");
            case UNAVAILABLE -> getTranslation("users.directory-unavailable");
        }).setHeader(getTranslation("users.column.name")).setFlexGrow(1).setResizable(true);
        members.addColumn(member -> ClientTime.format(member.firstSignInAt()))
                .setHeader(getTranslation("users.group.first-sign-in")).setAutoWidth(true).setFlexGrow(0);
        members.addColumn(member -> ClientTime.format(member.lastSignInAt()))
                .setHeader(getTranslation("users.column.last-sign-in")).setAutoWidth(true).setFlexGrow(0);
        members.setEmptyStateText(getTranslation("users.group.nobody-signed-in"));
        members.setItems(detail.members());
        members.setAllRowsVisible(detail.members().size() <= 10);
        if (detail.members().size() > 10) {
            members.setHeight("22rem");
        }

        add(facts, signedInTitle, explanation, members);

        Button changeRoles = new Button(getTranslation("users.group.change-roles"), VaadinIcon.KEY.create(),
                click -> {
                    close();
                    new ChangeRolesDialog(group, name, users, organizations, changed).open();
                });
        changeRoles.setId("group-change-roles");
        Button close = new Button(getTranslation("action.close"), click -> close());
        getFooter().add(changeRoles, close);
        setCloseOnEsc(true);
    }
}
