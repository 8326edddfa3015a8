package com.custodian.organizations.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsException;
import com.custodian.organizations.OrganizationsService;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.ButtonVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * The organization tree: the application at the root, organizations below it with what each holds;
 * add one under another, rename, move (with everything below it) and delete an empty one.
 */
@Route("organizations")
@Menu(order = 25, icon = "vaadin:sitemap", title = "menu.organizations")
@RolesAllowed(Permission.Names.MANAGE_ORGANIZATIONS)
@AccessDeniedErrorRouter
public final class OrganizationsView extends Composite<VerticalLayout> implements HasDynamicTitle {

    final TreeGrid<OrganizationRow> tree = new TreeGrid<>();
    final MarkupButton add;
    private final OrganizationsService organizations;
    private final Translations translations;
    private Map<UUID, List<Text>> holdings = Map.of();

    OrganizationsView(OrganizationsService organizations, Translations translations) {
        this.organizations = organizations;
        this.translations = translations;
        tree.setId("organizations-tree");
        tree.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        tree.addHierarchyColumn(this::nameOf).setHeader(getTranslation("organizations.column.name"))
                .setKey("name").setFlexGrow(2).setResizable(true);
        tree.addColumn(row -> row.description() == null ? "" : row.description())
                .setHeader(getTranslation("organizations.column.description")).setKey("description").setFlexGrow(3);
        tree.addColumn(row -> holdings.getOrDefault(row.id(), List.of()).stream()
                .map(line -> translations.text(getLocale(), line)).collect(Collectors.joining(", ")))
                .setHeader(getTranslation("organizations.column.holds")).setKey("holds").setFlexGrow(2);
        tree.addColumn(actions()).setKey("actions").setWidth("9rem").setFlexGrow(0).setFrozenToEnd(true);
        tree.setSizeFull();

        ViewToolbar toolbar = new ViewToolbar(getTranslation("organizations.description",
                OrganizationsService.MAX_ORGANIZATIONS, OrganizationsService.MAX_DEPTH));
        add = toolbar.action("add-organization", VaadinIcon.PLUS, getTranslation("organizations.add"),
                () -> OrganizationDialog.create(organizations, organizations.root(), this::changed, this::nameOf).open())
                .addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(toolbar);
        VerticalLayout body = new VerticalLayout(tree);
        body.setSizeFull();
        layout.addAndExpand(body);
        refresh();
    }

    /** Reads the tree (one statement) and what each organization holds, and shows it all expanded. */
    void refresh() {
        List<OrganizationRow> rows = organizations.tree();
        holdings = organizations.holdings();
        Map<UUID, OrganizationRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        var data = new com.vaadin.flow.data.provider.hierarchy.TreeData<OrganizationRow>();
        for (OrganizationRow row : rows) {
            data.addItem(row.parentId() == null ? null : byId.get(row.parentId()), row);
        }
        tree.setDataProvider(new com.vaadin.flow.data.provider.hierarchy.TreeDataProvider<>(data));
        tree.expandRecursively(data.getRootItems(), OrganizationsService.MAX_DEPTH + 1);
    }

    private String nameOf(OrganizationRow row) {
        return row.isRoot() ? getTranslation("organizations.root") : row.name();
    }

    /** Drawn in the browser: no server-side component per row. */
    private LitRenderer<OrganizationRow> actions() {
        return LitRenderer.<OrganizationRow>of("""
                <vaadin-button theme="tertiary-inline icon" aria-label=${item.addLabel} title=${item.addLabel}
                    @click=${addUnder}><vaadin-icon icon="vaadin:plus"></vaadin-icon></vaadin-button>
                <vaadin-button theme="tertiary-inline icon" ?hidden=${item.root} aria-label=${item.editLabel}
                    title=${item.editLabel} @click=${edit}><vaadin-icon icon="vaadin:pencil"></vaadin-icon></vaadin-button>
                <vaadin-button theme="tertiary-inline icon" ?hidden=${item.root} aria-label=${item.moveLabel}
                    title=${item.moveLabel} @click=${move}><vaadin-icon icon="vaadin:level-right"></vaadin-icon></vaadin-button>
                <vaadin-button theme="tertiary-inline icon error" ?hidden=${item.root} aria-label=${item.deleteLabel}
                    title=${item.deleteLabel} @click=${remove}><vaadin-icon icon="vaadin:trash"></vaadin-icon></vaadin-button>""")
                .withProperty("root", OrganizationRow::isRoot)
                .withProperty("addLabel", row -> getTranslation("organizations.add-under", nameOf(row)))
                .withProperty("editLabel", row -> getTranslation("organizations.edit", nameOf(row)))
                .withProperty("moveLabel", row -> getTranslation("organizations.move", nameOf(row)))
                .withProperty("deleteLabel", row -> getTranslation("organizations.delete", nameOf(row)))
                .withFunction("addUnder", row -> OrganizationDialog.create(organizations, row, this::changed,
                        this::nameOf).open())
                .withFunction("edit", row -> OrganizationDialog.edit(organizations, row, this::changed).open())
                .withFunction("move", row -> new MoveOrganizationDialog(organizations, row, organizations.tree(),
                        this::nameOf, this::changed).open())
                .withFunction("remove", this::confirmDelete);
    }

    private void confirmDelete(OrganizationRow row) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("confirm-delete-organization");
        confirm.setHeader(getTranslation("organizations.delete.title", nameOf(row)));
        // Said before anyone tries: what it still holds, as the page last read it (the service checks again).
        List<Object> held = new java.util.ArrayList<>();
        long children = tree.getTreeData().getChildren(row).size();
        if (children > 0) {
            held.add(Text.of("organizations.holding.children", children));
        }
        held.addAll(holdings.getOrDefault(row.id(), List.of()));
        if (!held.isEmpty()) {
            confirm.setHeader(getTranslation("organizations.delete.blocked", nameOf(row)));
            confirm.setText(translations.text(getLocale(), Text.of("organizations.problem.NOT_EMPTY", row.name(),
                    Text.joined("list.pair", held))));
            confirm.setConfirmText(getTranslation("action.close"));
            confirm.open();
            return;
        }
        confirm.setText(getTranslation("organizations.delete.text"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("organizations.delete.button"));
        Confirmations.destructive(confirm);
        confirm.addConfirmListener(yes -> {
            try {
                organizations.delete(row.id());
                done(getTranslation("organizations.deleted", nameOf(row)));
                refresh();
            } catch (OrganizationsException refusal) {
                refused(refusal);
            }
        });
        confirm.open();
    }

    private void changed(OrganizationRow row) {
        done(getTranslation("organizations.saved", nameOf(row)));
        refresh();
    }

    /** Says why a change was refused, in the reader's language (arguments may be texts themselves). */
    void refused(OrganizationsException refusal) {
        Notification notification = Notification.show(message(refusal), 8000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        refresh();
    }

    String message(OrganizationsException refusal) {
        return translations.text(getLocale(), Text.of(refusal.problem().messageKey(), refusal.arguments()));
    }

    private static void done(String text) {
        Notification notification = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.organizations");
    }
}
