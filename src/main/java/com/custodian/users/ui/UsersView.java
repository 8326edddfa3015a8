package com.custodian.users.ui;

import java.util.stream.Collectors;

import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.PagedFetch;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryStatus;
import com.custodian.security.Permission;
import com.custodian.users.BuiltInRole;
import com.custodian.users.RoleSummary;
import com.custodian.users.UserRow;
import com.custodian.users.UserSort;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * The application's users: who holds which roles. Email addresses and names are not stored; each
 * page of the grid asks the directory for them in one request.
 */
@Route("users")
@Menu(order = 10, icon = "vaadin:users", title = "menu.users")
@RolesAllowed(Permission.Names.MANAGE_USERS)
@AccessDeniedErrorRouter
public final class UsersView extends Composite<VerticalLayout> implements HasDynamicTitle {

    final Grid<UserRow> grid = new Grid<>();

    UsersView(UsersService users) {
        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("users.empty"));
        grid.addComponentColumn(this::emailCell).setHeader(getTranslation("users.column.email"))
                .setKey("email").setAutoWidth(true).setFlexGrow(1).setResizable(true);
        grid.addComponentColumn(this::nameCell)
                .setHeader(getTranslation("users.column.name")).setKey("name").setAutoWidth(true).setFlexGrow(1)
                .setResizable(true);
        grid.addColumn(row -> getTranslation(typeKey(row.type()))).setHeader(getTranslation("users.column.type"))
                .setKey("type").setSortProperty(UserSort.TYPE.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.roles().stream().map(this::roleLabel).collect(Collectors.joining(", ")))
                .setHeader(getTranslation("users.column.roles")).setKey("roles").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(row -> ClientTime.format(row.addedAt())).setHeader(getTranslation("users.column.added"))
                .setKey("added").setSortProperty(UserSort.ADDED.name()).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        grid.setItems(query -> PagedFetch.fetch(query, UsersService.MAX_PAGE_SIZE, users::listUsers));
        grid.setSizeFull();

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(new ViewToolbar(getTranslation("users.description")));
        VerticalLayout body = new VerticalLayout(grid);
        body.setSizeFull();
        layout.addAndExpand(body);
    }

    /** The email address; the object ID where there is none (service principals, unresolved users). */
    private Component emailCell(UserRow row) {
        if (row.email() != null) {
            return new Span(row.email());
        }
        Span objectId = new Span(row.objectId().toString());
        objectId.addClassNames("custodian-object-id");
        objectId.getElement().setAttribute("title", getTranslation("users.object-id"));
        return objectId;
    }

    /** The name; a marker where the directory does not know the user or could not be asked. */
    private Component nameCell(UserRow row) {
        if (row.directoryStatus() == DirectoryStatus.FOUND) {
            return new Span(row.displayName() == null ? "" : row.displayName());
        }
        boolean orphan = row.directoryStatus() == DirectoryStatus.NOT_IN_DIRECTORY;
        Badge marker = new Badge(getTranslation(orphan ? "users.not-in-directory" : "users.directory-unavailable"));
        marker.addThemeVariants(orphan ? BadgeVariant.ERROR : BadgeVariant.WARNING, BadgeVariant.SMALL);
        marker.getElement().setAttribute("title",
                getTranslation(orphan ? "users.not-in-directory.hint" : "users.directory-unavailable.hint"));
        return marker;
    }

    /** Built-in roles in the viewer's language; custom roles by the name they were given. */
    private String roleLabel(RoleSummary role) {
        return role.builtIn() ? BuiltInRole.of(role.id()).map(r -> getTranslation(r.labelKey())).orElse(role.name())
                : role.name();
    }

    private static String typeKey(DirectoryObjectType type) {
        return type == DirectoryObjectType.SERVICE_PRINCIPAL ? "users.type.service-principal" : "users.type.person";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.users");
    }
}
