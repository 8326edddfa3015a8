package com.custodian.users.ui;

import java.util.stream.Collectors;

import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.security.Permission;
import com.custodian.users.RoleRow;
import com.custodian.users.RolesService;
import com.custodian.users.UsersException;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.ButtonVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
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
@Uses(Badge.class)
@Uses(MenuBar.class)
@Menu(order = 20, icon = "vaadin:key", title = "menu.roles")
@RolesAllowed(Permission.Names.MANAGE_USERS)
@AccessDeniedErrorRouter
public final class RolesView extends Composite<VerticalLayout> implements HasDynamicTitle {

    /**
     * The menu of a row, as Vaadin's menu bar draws one: a button holding an icon, named by the
     * item's aria-label, and a sub-menu of two items. The items are made in the browser.
     */
    private static final String ACTIONS = """
            <vaadin-menu-bar theme="tertiary-inline icon" ?hidden=${item.builtIn}
                .items=${[{component: Object.assign(document.createElement('vaadin-menu-bar-item'),
                        {innerHTML: '<vaadin-icon icon="vaadin:ellipsis-dots-v"></vaadin-icon>', ariaLabel: item.actionsLabel}),
                    children: [{text: item.editLabel, action: 'edit'}, {text: item.deleteLabel, action: 'delete'}]}]}
                @item-selected=${event => event.detail.value.action === 'edit' ? editRole()
                    : event.detail.value.action === 'delete' ? deleteRole() : null}></vaadin-menu-bar>""";

    final Grid<RoleRow> grid = new LeanGrid<>();
    final MarkupButton newRole;
    private final RolesService roles;

    RolesView(RolesService roles) {
        this.roles = roles;
        grid.setId("roles-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(role -> RoleLabels.of(this, role.id(), role.name(), role.builtIn()))
                .setHeader(getTranslation("roles.column.name")).setKey("name").setAutoWidth(true).setFlexGrow(0);
        // A fixed width: the browser would measure the badges before their element is defined, and cut them.
        grid.addColumn(kind()).setHeader(getTranslation("roles.column.kind")).setKey("kind")
                .setWidth("10.5rem").setFlexGrow(0);
        grid.addColumn(role -> role.permissions().stream().sorted().map(p -> getTranslation(p.labelKey()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("roles.column.permissions"))
                .setKey("permissions").setFlexGrow(1);
        grid.addColumn(RoleRow::holders).setHeader(getTranslation("roles.column.users")).setKey("users")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(rowActions()).setKey("actions").setWidth("4.5rem").setFlexGrow(0);
        grid.setSizeFull();

        ViewToolbar toolbar = new ViewToolbar(getTranslation("roles.description"));
        newRole = toolbar.action("new-role", VaadinIcon.PLUS, getTranslation("roles.new"),
                () -> new RoleDialog(null, roles, this::saved).open()).addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(toolbar);
        VerticalLayout body = new VerticalLayout(grid);
        body.setSizeFull();
        layout.addAndExpand(body);
        refresh();
    }

    private void refresh() {
        grid.setItems(roles.listRoles());
    }

    /** Drawn in the browser from the row's values: no server-side component per row. */
    private LitRenderer<RoleRow> kind() {
        return LitRenderer.<RoleRow>of("<vaadin-badge theme=${item.theme}>${item.kind}</vaadin-badge>")
                .withProperty("kind", role -> getTranslation(role.builtIn() ? "roles.built-in" : "roles.custom"))
                .withProperty("theme", role -> role.builtIn() ? "contrast small" : "success small");
    }

    /**
     * A custom role's actions in a menu drawn by the browser, as the menu bar a row had before: one
     * button named for the role, opening Edit and Delete. The grid holds no server-side component
     * per row; a built-in role has no actions.
     */
    private LitRenderer<RoleRow> rowActions() {
        return LitRenderer.<RoleRow>of(ACTIONS)
                .withProperty("builtIn", RoleRow::builtIn)
                .withProperty("actionsLabel", role -> getTranslation("roles.actions-for", role.name()))
                .withProperty("editLabel", role -> getTranslation("roles.edit"))
                .withProperty("deleteLabel", role -> getTranslation("roles.delete"))
                .withFunction("editRole", role -> new RoleDialog(role, roles, this::saved).open())
                .withFunction("deleteRole", this::confirmDelete);
    }

    private void confirmDelete(RoleRow role) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("roles.delete.title", role.name()),
                getTranslation("roles.delete.text"), getTranslation("roles.delete"), yes -> delete(role));
        confirm.setId("confirm-delete-role");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        Confirmations.destructive(confirm);
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
