package com.custodian.users.ui;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LazyContextMenu;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.PagedFetch;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryStatus;
import com.custodian.security.Permission;
import com.custodian.security.Scope;
import com.custodian.users.RoleSummary;
import com.custodian.users.RolesService;
import com.custodian.users.UserExportService;
import com.custodian.users.UserQuery;
import com.custodian.users.UserRow;
import com.custodian.users.UserSort;
import com.custodian.users.UsersException;
import com.custodian.users.UsersProblem;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.ConfigurableFilterDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * The application's users: who holds which roles, and the administrator's actions on them —
 * assign people by email and service principals by object ID, change roles in place, export
 * (download or copy) and delete. Email addresses and names are not stored; each page of the grid
 * asks the directory for them in one request.
 */
@Route("users")
@Uses(Badge.class)
@Uses(Icon.class)
@Menu(order = 10, icon = "vaadin:users", title = "menu.users")
@RolesAllowed(Permission.Names.MANAGE_USERS)
@AccessDeniedErrorRouter
public final class UsersView extends Composite<VerticalLayout> implements HasDynamicTitle {

    /** At most this many users are named in the delete confirmation; the rest are counted. */
    private static final int NAMED_IN_CONFIRMATION = 8;

    final Grid<UserRow> grid = new LeanGrid<>();
    final TextField filterText = new TextField();
    final ComboBox<RoleSummary> filterRole = new ComboBox<>();
    final ViewToolbar toolbar;
    final MarkupButton assignUser;
    final MarkupButton assignServicePrincipal;
    final MarkupButton assignGroup;
    final MarkupButton export;
    final MarkupButton exportAll;
    final LazyContextMenu exportFormats;
    final LazyContextMenu exportAllFormats;
    final MarkupButton delete;

    private final UsersService users;
    private final UserExportService exports;
    private final ConfigurableFilterDataProvider<UserRow, Void, UserQuery> rows;
    private volatile List<Long> selectedIds = List.of();

    private final RolesService roles;
    private final UserOrganizations organizations;

    UsersView(UsersService users, UserExportService exports, RolesService roles,
            com.custodian.organizations.OrganizationsService organizationsService) {
        this.roles = roles;
        this.organizations = new UserOrganizations(this, organizationsService);
        this.users = users;
        this.exports = exports;

        configureGrid();
        CallbackDataProvider<UserRow, UserQuery> provider = com.custodian.base.ui.CountedDataProvider.filtering(
                query -> {
                    try {
                        return PagedFetch.fetch(query, UsersService.MAX_PAGE_SIZE,
                                pageable -> users.listUsers(query.getFilter().orElse(UserQuery.ALL), pageable));
                    } catch (UsersException refusal) {
                        // A text filter needs the directory; say so, and show nothing rather than everyone.
                        Notifications.refused(this, refusal);
                        return java.util.stream.Stream.empty();
                    }
                },
                query -> {
                    try {
                        // The grid knows how many match, so its scrollbar spans them all and End reaches the last.
                        return (int) Math.min(Integer.MAX_VALUE, users.countUsers(query.getFilter().orElse(UserQuery.ALL)));
                    } catch (UsersException refusal) {
                        // A text filter needs the directory; say so (no fetch follows an empty count).
                        Notifications.refused(this, refusal);
                        return 0;
                    }
                });
        rows = provider.withConfigurableFilter();
        grid.setItems(rows);

        toolbar = new ViewToolbar(getTranslation("users.description"));
        assignUser = toolbar.action("assign-user", VaadinIcon.PLUS, getTranslation("users.assign-user"),
                () -> new AssignUserDialog(AssignUserDialog.Kind.PERSON, users, organizations, this::assigned).open())
                .addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        assignGroup = toolbar.action("assign-group", VaadinIcon.GROUP, getTranslation("users.assign-group"),
                () -> new AssignGroupDialog(users, organizations, this::assigned).open());
        assignServicePrincipal = toolbar.action("assign-service-principal", VaadinIcon.COG,
                getTranslation("users.assign-sp"), () -> new AssignUserDialog(AssignUserDialog.Kind.SERVICE_PRINCIPAL,
                        users, organizations, this::assigned).open());
        // Not an action: its menu of formats opens on a click.
        export = new MarkupButton("export-users", VaadinIcon.DOWNLOAD_ALT, getTranslation("users.export"), null);
        toolbar.add(export);
        delete = toolbar.action("delete-users", VaadinIcon.TRASH, getTranslation("users.delete"),
                () -> confirmDelete(grid.getSelectedItems().stream().toList())).addThemeVariants(ButtonVariant.LUMO_ERROR);
        exportAll = new MarkupButton("export-all-users", null, getTranslation("users.export-all"), null)
                .setSuffixIcon(VaadinIcon.ANGLE_DOWN).addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        // Made when first opened: most visits to this page export nothing.
        exportFormats = new LazyContextMenu(export, this::selectedFormats);
        exportAllFormats = new LazyContextMenu(exportAll, this::allFormats);
        followSelection();

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(toolbar);
        VerticalLayout body = new VerticalLayout(filters(), grid);
        body.setSizeFull();
        layout.addAndExpand(body);
    }

    private void configureGrid() {
        grid.setId("users-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("users.empty"));
        grid.addColumn(emailCell()).setHeader(getTranslation("users.column.email"))
                .setKey("email").setWidth("14rem").setFlexGrow(2).setResizable(true);
        grid.addColumn(nameCell()).setHeader(getTranslation("users.column.name")).setKey("name")
                .setWidth("9rem").setFlexGrow(1).setResizable(true);
        // A group's type says how many people it holds (Entra's count, asked with the page's names).
        grid.addColumn(row -> row.isGroup() && row.memberCount() != null
                ? getTranslation("users.type.group-with-members", row.memberCount())
                : getTranslation(typeKey(row.type()))).setHeader(getTranslation("users.column.type"))
                .setKey("type").setSortProperty(UserSort.TYPE.name()).setWidth("10.5rem").setFlexGrow(0)
                .setResizable(true);
        // Roles given below the root name their organization.
        grid.addColumn(row -> row.assignments().stream().map(assignment -> Scope.ROOT.equals(assignment.organizationId())
                ? RoleLabels.of(this, assignment.role())
                : getTranslation("users.role-in", RoleLabels.of(this, assignment.role()),
                        organizations.name(assignment.organizationId())))
                .collect(Collectors.joining(", ")))
                .setHeader(getTranslation("users.column.roles")).setKey("roles").setAutoWidth(true).setFlexGrow(1);
        // A group never signs in itself; its members' sign-ins are on its page.
        grid.addColumn(row -> row.isGroup() ? "" : row.lastSignInAt() == null ? getTranslation("users.never-signed-in")
                : ClientTime.format(row.lastSignInAt()))
                .setHeader(getTranslation("users.column.last-sign-in")).setKey("last-sign-in")
                .setSortProperty(UserSort.LAST_SIGN_IN.name()).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> ClientTime.formatDate(row.addedAt())).setHeader(getTranslation("users.column.added"))
                .setKey("added").setSortProperty(UserSort.ADDED.name()).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(rowActions()).setKey("actions").setWidth("7.5rem").setFlexGrow(0).setFrozenToEnd(true);
        grid.setSizeFull();
    }

    private HorizontalLayout filters() {
        filterText.setId("users-filter");
        filterText.setPlaceholder(getTranslation("users.filter.text"));
        filterText.setAriaLabel(getTranslation("users.filter.text"));
        filterText.setPrefixComponent(VaadinIcon.SEARCH.create());
        filterText.setClearButtonVisible(true);
        filterText.setValueChangeMode(ValueChangeMode.LAZY);
        filterText.setValueChangeTimeout(400);
        filterText.setMaxLength(200);
        filterText.setWidth("22rem");
        filterText.addValueChangeListener(change -> applyFilter());
        filterRole.setId("users-filter-role");
        filterRole.setPlaceholder(getTranslation("users.filter.any-role"));
        filterRole.setAriaLabel(getTranslation("users.filter.role"));
        filterRole.setItems(roles.listRoles().stream()
                .map(role -> RoleSummary.of(role.id(), role.name(), role.builtIn())).toList());
        filterRole.setItemLabelGenerator(role -> RoleLabels.of(this, role));
        filterRole.setClearButtonVisible(true);
        filterRole.addValueChangeListener(change -> applyFilter());
        HorizontalLayout filters = new HorizontalLayout(filterText, filterRole, exportAll);
        filters.setWidthFull();
        filters.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        return filters;
    }

    private void applyFilter() {
        UUID role = filterRole.getValue() == null ? null : filterRole.getValue().id();
        rows.setFilter(new UserQuery(filterText.getValue(), role));
        grid.deselectAll();
    }

    private void selectedFormats(ContextMenu formats) {
        formats.addItem(download(getTranslation("users.export.csv"), ExportFormat.CSV, true));
        formats.addItem(download(getTranslation("users.export.json"), ExportFormat.JSON, true));
        formats.addItem(getTranslation("users.export.copy"), click -> copySelected()).setId("export-copy");
    }

    private void allFormats(ContextMenu formats) {
        formats.addItem(download(getTranslation("users.export.csv"), ExportFormat.CSV, false));
        formats.addItem(download(getTranslation("users.export.json"), ExportFormat.JSON, false));
    }

    /** A download of the selected users (or all), streamed as the browser reads it. */
    private Anchor download(String label, ExportFormat format, boolean selectedOnly) {
        Anchor anchor = new Anchor();
        anchor.setText(label);
        com.custodian.base.ui.GuardedDownload.attach(anchor, "users.export.failed", event -> {
            event.setFileName("custodian-users-" + LocalDate.now(ClientTime.zone()) + "." + format.extension());
            event.setContentType(format.contentType() + "; charset=utf-8");
            if (selectedOnly) {
                exports.export(format, selectedIds, event.getOutputStream());
            } else {
                exports.exportAll(format, event.getOutputStream());
            }
        });
        anchor.setId("export-" + (selectedOnly ? "selected-" : "all-") + format.extension());
        return anchor;
    }

    private void copySelected() {
        String text = exports.copyText(selectedIds);
        UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", text);
        Notifications.done(getTranslation("users.export.copied", selectedIds.size()));
    }

    /** Export and Delete act on the selection: disabled without one, and they say how many. */
    private void followSelection() {
        updateSelectionActions(Set.of());
        grid.addSelectionListener(selection -> updateSelectionActions(selection.getAllSelectedItems()));
    }

    private void updateSelectionActions(Set<UserRow> selected) {
        selectedIds = selected.stream().map(UserRow::id).toList();
        int count = selected.size();
        export.setEnabled(count > 0);
        export.setText(count == 0 ? getTranslation("users.export") : getTranslation("users.export.count", count));
        delete.setEnabled(count > 0);
        delete.setText(count == 0 ? getTranslation("users.delete") : getTranslation("users.delete.count", count));
    }

    /**
     * The row's actions as two icon buttons drawn in the browser: the grid holds no server-side
     * component per row, which is what keeps a session with this page open small.
     */
    private LitRenderer<UserRow> rowActions() {
        // Function names are JavaScript identifiers in the browser: "delete" would be a syntax error there.
        return LitRenderer.<UserRow>of("""
                <vaadin-button theme="tertiary-inline icon" ?hidden=${!item.group} aria-label=${item.membersLabel}
                    title=${item.membersLabel} @click=${showGroup}><vaadin-icon icon="vaadin:group"></vaadin-icon></vaadin-button>
                <vaadin-button theme="tertiary-inline icon" aria-label=${item.changeRolesLabel}
                    title=${item.changeRolesLabel} @click=${changeRoles}><vaadin-icon icon="vaadin:key"></vaadin-icon></vaadin-button>
                <vaadin-button theme="tertiary-inline icon error" aria-label=${item.deleteLabel}
                    title=${item.deleteLabel} @click=${deleteUser}><vaadin-icon icon="vaadin:trash"></vaadin-icon></vaadin-button>""")
                .withProperty("group", UserRow::isGroup)
                .withProperty("membersLabel", row -> row.isGroup() ? getTranslation("users.group.open", shownAs(row)) : "")
                .withFunction("showGroup", row -> GroupDialog.open(this, row.id(), users, organizations, this::changed))
                .withProperty("changeRolesLabel", row -> getTranslation("users.change-roles-of", shownAs(row)))
                .withProperty("deleteLabel", row -> getTranslation("users.delete-user", shownAs(row)))
                .withFunction("changeRoles",
                        row -> new ChangeRolesDialog(row, shownAs(row), users, organizations, this::changed).open())
                .withFunction("deleteUser", row -> confirmDelete(List.of(row)));
    }

    private void confirmDelete(List<UserRow> doomed) {
        if (doomed.isEmpty()) {
            return;
        }
        String names = doomed.stream().limit(NAMED_IN_CONFIRMATION).map(this::shownAs).collect(Collectors.joining(", "));
        String text = doomed.size() <= NAMED_IN_CONFIRMATION
                ? getTranslation("users.delete.confirm.text", doomed.size(), names)
                : getTranslation("users.delete.confirm.text-more", doomed.size(), names,
                        doomed.size() - NAMED_IN_CONFIRMATION);
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("confirm-delete");
        confirm.setHeader(getTranslation("users.delete.confirm.title", doomed.size()));
        List<com.custodian.base.i18n.Text> references = users.references(doomed.stream().map(UserRow::id).toList());
        // Made here, not kept: the page holds no component it does not show.
        Checkbox removeReferences = new Checkbox(getTranslation("users.delete.remove-references"), true);
        removeReferences.setId("remove-references");
        if (references.isEmpty()) {
            confirm.setText(text);
        } else {
            com.vaadin.flow.component.html.UnorderedList list = new com.vaadin.flow.component.html.UnorderedList();
            references.forEach(line -> list.add(new com.vaadin.flow.component.html.ListItem(
                    getTranslation(line.key(), line.argumentArray()))));
            confirm.setText(new com.vaadin.flow.component.html.Div(new com.vaadin.flow.component.html.Paragraph(text),
                    new com.vaadin.flow.component.html.Paragraph(getTranslation("users.delete.references")), list,
                    removeReferences));
        }
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("users.delete.confirm.button", doomed.size()));
        Confirmations.destructive(confirm);
        confirm.addConfirmListener(yes -> delete(doomed, false, removeReferences.getValue()));
        confirm.open();
    }

    private void delete(List<UserRow> doomed, boolean selfConfirmed, boolean withReferences) {
        try {
            int deleted = users.deleteUsers(doomed.stream().map(UserRow::id).toList(), selfConfirmed, withReferences);
            Notifications.done(getTranslation("users.deleted", deleted));
            grid.deselectAll();
            rows.refreshAll();
        } catch (UsersException refusal) {
            if (refusal.problem() == UsersProblem.SELF_NOT_CONFIRMED) {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("users.self.title"),
                        getTranslation("users.self.delete"), getTranslation("users.self.confirm"),
                        yes -> delete(doomed, true, withReferences));
                confirm.setId("confirm-delete-self");
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("action.cancel"));
                Confirmations.destructive(confirm);
                confirm.open();
            } else {
                Notifications.refused(this, refusal);
            }
        } catch (com.custodian.directory.DirectoryUnavailableException unavailable) {
            Notifications.error(getTranslation("users.delete.directory-unavailable"));
        }
    }

    private void assigned(UserRow row) {
        Notifications.done(getTranslation("users.assigned", shownAs(row)));
        rows.refreshAll();
    }

    private void changed(UserRow row) {
        if (row != null) {
            Notifications.done(getTranslation("users.roles-changed", shownAs(row)));
        }
        rows.refreshAll();
    }

    private String shownAs(UserRow row) {
        if (row.email() != null) {
            return row.email();
        }
        return row.displayName() != null ? row.displayName() : row.objectId().toString();
    }

    /** The email address; the object ID where there is none (service principals, groups, unresolved users). */
    private LitRenderer<UserRow> emailCell() {
        return LitRenderer.<UserRow>of("<span class=${item.kind} title=${item.hint}>${item.text}</span>")
                .withProperty("text", row -> row.email() != null ? row.email() : row.objectId().toString())
                .withProperty("kind", row -> row.email() != null ? "" : "custodian-object-id")
                .withProperty("hint", row -> row.email() != null ? ""
                        : getTranslation("users.object-id") + ": " + row.objectId());
    }

    /** The name; a marker where the directory does not know the user or could not be asked. */
    private LitRenderer<UserRow> nameCell() {
        return LitRenderer.<UserRow>of("""
                <span ?hidden=${!!item.marker}>${item.name}</span>
                <vaadin-badge ?hidden=${!item.marker} theme=${item.theme} title=${item.hint}>${item.marker}</vaadin-badge>""")
                .withProperty("name", row -> row.displayName() == null ? "" : row.displayName())
                .withProperty("marker", row -> switch (row.directoryStatus()) {
                    case FOUND -> "";
                    case NOT_IN_DIRECTORY -> getTranslation("users.not-in-directory");
                    case UNAVAILABLE -> getTranslation("users.directory-unavailable");
                })
                .withProperty("theme", row -> row.directoryStatus() == DirectoryStatus.NOT_IN_DIRECTORY
                        ? "error small" : "warning small")
                .withProperty("hint", row -> switch (row.directoryStatus()) {
                    case FOUND -> "";
                    case NOT_IN_DIRECTORY -> getTranslation("users.not-in-directory.hint");
                    case UNAVAILABLE -> getTranslation("users.directory-unavailable.hint");
                });
    }

    private static String typeKey(DirectoryObjectType type) {
        return switch (type) {
            case PERSON -> "users.type.person";
            case SERVICE_PRINCIPAL -> "users.type.service-principal";
            case GROUP -> "users.type.group";
        };
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.users");
    }
}
