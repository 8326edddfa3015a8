package com.custodian.users.ui;

import java.util.stream.Collectors;

import com.custodian.base.ui.ViewToolbar;
import com.custodian.security.Permission;
import com.custodian.users.RoleRow;
import com.custodian.users.RolesService;
import com.custodian.users.UsersException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * Built-in and custom roles, with what each allows and how many users hold it. Custom roles are
 * created, edited and deleted here; built-in roles are fixed.
 */
@Route("roles")
@Menu(order = 20, icon = "vaadin:key", title = "menu.roles")
@RolesAllowed(Permission.Names.MANAGE_USERS)
@AccessDeniedErrorRouter
public final class RolesView extends Composite<VerticalLayout> implements HasDynamicTitle {

    final Grid<RoleRow> grid = new Grid<>();
    final Button newRole = new Button();
    private final RolesService roles;

    RolesView(RolesService roles) {
        this.roles = roles;
        grid.setId("roles-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(role -> RoleLabels.of(this, role.id(), role.name(), role.builtIn()))
                .setHeader(getTranslation("roles.column.name")).setKey("name").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::kind).setHeader(getTranslation("roles.column.kind")).setKey("kind")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(role -> role.permissions().stream().sorted().map(p -> getTranslation(p.labelKey()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("roles.column.permissions"))
                .setKey("permissions").setFlexGrow(1);
        grid.addColumn(RoleRow::holders).setHeader(getTranslation("roles.column.users")).setKey("users")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::rowActions).setKey("actions").setWidth("4.5rem").setFlexGrow(0);
        grid.setSizeFull();

        newRole.setText(getTranslation("roles.new"));
        newRole.setId("new-role");
        newRole.setIcon(VaadinIcon.PLUS.create());
        newRole.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newRole.addClickListener(click -> new RoleDialog(null, roles, this::saved).open());

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(new ViewToolbar(getTranslation("roles.description"), newRole));
        VerticalLayout body = new VerticalLayout(grid);
        body.setSizeFull();
        layout.addAndExpand(body);
        refresh();
    }

    private void refresh() {
        grid.setItems(roles.listRoles());
    }

    private Component kind(RoleRow role) {
        Badge badge = new Badge(getTranslation(role.builtIn() ? "roles.built-in" : "roles.custom"));
        badge.addThemeVariants(role.builtIn() ? BadgeVariant.CONTRAST : BadgeVariant.SUCCESS, BadgeVariant.SMALL);
        return badge;
    }

    private Component rowActions(RoleRow role) {
        if (role.builtIn()) {
            return new Span();
        }
        MenuBar actions = new MenuBar();
        actions.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        MenuItem open = actions.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        open.setAriaLabel(getTranslation("roles.actions-for", role.name()));
        open.getSubMenu().addItem(getTranslation("roles.edit"), click -> new RoleDialog(role, roles, this::saved).open());
        open.getSubMenu().addItem(getTranslation("roles.delete"), click -> confirmDelete(role));
        return actions;
    }

    private void confirmDelete(RoleRow role) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("roles.delete.title", role.name()),
                getTranslation("roles.delete.text"), getTranslation("roles.delete"), yes -> delete(role));
        confirm.setId("confirm-delete-role");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void delete(RoleRow role) {
        try {
            roles.deleteRole(role.id());
            Notifications.done(getTranslation("roles.deleted", role.name()));
        } catch (UsersException refusal) {
            Notifications.refused(this, refusal);
        }
        refresh();
    }

    private void saved(RoleRow role) {
        if (role != null) {
            Notifications.done(getTranslation("roles.saved", role.name()));
        }
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.roles");
    }
}
