package com.custodian.alerts.ui;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.RuleForm;
import com.custodian.alerts.RuleRow;
import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.PagedFetch;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.devices.DevicesService;
import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsService;
import com.custodian.organizations.Reach;
import com.custodian.organizations.ui.TreeOrder;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.ButtonVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * The alert rules: what they watch, when they last fired, whom they email. Builders and
 * administrators create, edit, enable, disable and delete them; operators open them read-only.
 */
@Route("alert-rules")
@Uses(Badge.class)
@Menu(order = 40, icon = "vaadin:bell", title = "menu.alert-rules")
@RolesAllowed(Permission.Names.VIEW_ALERT_RULES)
@AccessDeniedErrorRouter
public final class AlertRulesView extends Composite<VerticalLayout> implements HasDynamicTitle {

    /**
     * A rule as the grid keeps it while it is shown: its texts already in the reader's words, its
     * recipients one line. A session keeps a page of these; the rule's parts (the texts' arguments,
     * the list of addresses) would cost it several times as much.
     */
    record Listed(long id, String name, boolean enabled, UUID organizationId, String target, String conditions,
            int recipientCount, String recipients, Instant lastFiredAt) {

        /** A rule is the same row however its texts read now: a selection survives a fresh read. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Listed listed && listed.id == id;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }
    }

    final Grid<Listed> grid = new LeanGrid<>();
    final TextField filter = new TextField();
    final ViewToolbar toolbar;
    final MarkupButton newRule;
    final MarkupButton enable;
    final MarkupButton disable;
    final MarkupButton delete;
    RuleEditorDialog editor;

    private final AlertRulesService rules;
    private final DevicesService devices;
    private final boolean manages;
    /** The organization tree, read once with the page (a few hundred rows at most). */
    private final Map<UUID, OrganizationRow> organizationsById = new HashMap<>();
    /** Where the reader may put rules, in tree order. */
    private final List<OrganizationRow> manageable;

    AlertRulesView(AlertRulesService rules, DevicesService devices, CurrentUser currentUser,
            OrganizationsService organizations) {
        List<OrganizationRow> tree = organizations.tree();
        tree.forEach(row -> organizationsById.put(row.id(), row));
        Reach managed = organizations.reach(Permission.MANAGE_ALERT_RULES);
        this.manageable = TreeOrder.of(tree).stream().filter(row -> managed.includes(row.id())).toList();
        this.rules = rules;
        this.devices = devices;
        this.manages = currentUser.require().has(Permission.MANAGE_ALERT_RULES);

        grid.setId("rules-grid");
        grid.setSelectionMode(manages ? Grid.SelectionMode.MULTI : Grid.SelectionMode.NONE);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("alerts.empty"));
        // Cells drawn in the browser from each row's values: no server-side component per row.
        grid.addColumn(LitRenderer.<Listed>of(
                "<vaadin-button theme=\"tertiary-inline\" @click=${open}>${item.name}</vaadin-button>")
                .withProperty("name", Listed::name)
                .withFunction("open", row -> open(rules.rule(row.id()))))
                .setHeader(getTranslation("alerts.column.name")).setKey("name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(LitRenderer.<Listed>of("<vaadin-badge theme=${item.theme}>${item.status}</vaadin-badge>")
                .withProperty("status", row -> getTranslation(row.enabled() ? "alerts.enabled" : "alerts.disabled"))
                .withProperty("theme", row -> row.enabled() ? "success small" : "contrast small"))
                .setHeader(getTranslation("alerts.column.status")).setKey("status")
                .setWidth("7.5rem").setFlexGrow(0);
        grid.addColumn(row -> organizationName(row.organizationId()))
                .setHeader(getTranslation("alerts.column.organization")).setKey("organization").setAutoWidth(true);
        grid.addColumn(Listed::target).setHeader(getTranslation("alerts.column.target")).setKey("target")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(Listed::conditions).setHeader(getTranslation("alerts.column.conditions")).setKey("conditions")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(row -> getTranslation("alerts.recipients.count", row.recipientCount()))
                .setTooltipGenerator(Listed::recipients)
                .setHeader(getTranslation("alerts.column.recipients")).setKey("recipients").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(row -> row.lastFiredAt() == null ? getTranslation("alerts.never-fired")
                : ClientTime.format(row.lastFiredAt())).setHeader(getTranslation("alerts.column.last-fired"))
                .setKey("last-fired").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(com.custodian.base.ui.CountedDataProvider.of(query -> PagedFetch.fetch(query,
                AlertRulesService.MAX_PAGE_SIZE,
                page -> rules.listRules(filter.getValue(), (int) page.getOffset(), page.getPageSize()).stream()
                        .map(this::listed).toList()),
                count -> (int) Math.min(Integer.MAX_VALUE, rules.countRules(filter.getValue())), filter::getValue));
        grid.setSizeFull();
        if (manages) {
            grid.addSelectionListener(selection -> follow(selection.getAllSelectedItems()));
        }

        filter.setId("rules-filter");
        filter.setPlaceholder(getTranslation("alerts.filter"));
        filter.setAriaLabel(getTranslation("alerts.filter"));
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("22rem");
        filter.addValueChangeListener(change -> refresh());

        toolbar = new ViewToolbar(getTranslation("alerts.description"));
        newRule = toolbar.action("new-rule", VaadinIcon.PLUS, getTranslation("alerts.new"), () -> {
            RuleForm form = new RuleForm();
            // In the root when the reader manages rules there, else in the first organization they do.
            manageable.stream().filter(OrganizationRow::isRoot).findFirst()
                    .or(() -> manageable.stream().findFirst())
                    .ifPresent(row -> form.setOrganizationId(row.id()));
            open(form);
        }).addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        enable = toolbar.action("enable-rules", VaadinIcon.PLAY, getTranslation("alerts.enable"), () -> setEnabled(true));
        disable = toolbar.action("disable-rules", VaadinIcon.PAUSE, getTranslation("alerts.disable"),
                () -> setEnabled(false));
        delete = toolbar.action("delete-rules", VaadinIcon.TRASH, getTranslation("alerts.delete"), this::confirmDelete)
                .addThemeVariants(ButtonVariant.LUMO_ERROR);
        List.of(newRule, enable, disable, delete).forEach(action -> action.setVisible(manages));
        follow(Set.of());

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(toolbar);
        VerticalLayout body = new VerticalLayout(filter, grid);
        body.setSizeFull();
        layout.addAndExpand(body);
    }

    private String organizationName(UUID id) {
        OrganizationRow row = organizationsById.get(id);
        return row == null ? "" : row.isRoot() ? getTranslation("organizations.root") : row.name();
    }

    void open(RuleForm form) {
        boolean managed = manageable.stream().anyMatch(row -> row.id().equals(form.getOrganizationId()));
        // The rule's own organization is shown even to one who may not put rules there; such a rule opens
        // read only.
        List<OrganizationRow> choices = managed ? manageable
                : java.util.Optional.ofNullable(organizationsById.get(form.getOrganizationId())).map(List::of)
                        .orElse(List.of());
        boolean editable = manages && managed;
        editor = new RuleEditorDialog(rules, devices, form, editable, choices, row -> organizationName(row.id()),
                savedForm -> {
            done(getTranslation("alerts.saved", savedForm.getName()));
        });
        editor.open();
    }

    private Listed listed(RuleRow row) {
        return new Listed(row.id(), row.name(), row.enabled(), row.organizationId(),
                getTranslation(row.target().key(), row.target().argumentArray()),
                getTranslation(row.conditions().key(), row.conditions().argumentArray()), row.recipients().size(),
                String.join(", ", row.recipients()), row.lastFiredAt());
    }

    private void follow(Set<Listed> selected) {
        int count = selected.size();
        enable.setEnabled(count > 0);
        disable.setEnabled(count > 0);
        delete.setEnabled(count > 0);
        enable.setText(count == 0 ? getTranslation("alerts.enable") : getTranslation("alerts.enable.count", count));
        disable.setText(count == 0 ? getTranslation("alerts.disable") : getTranslation("alerts.disable.count", count));
        delete.setText(count == 0 ? getTranslation("alerts.delete") : getTranslation("alerts.delete.count", count));
    }

    private void setEnabled(boolean enabled) {
        List<Long> ids = grid.getSelectedItems().stream().map(Listed::id).toList();
        rules.setEnabled(ids, enabled);
        done(getTranslation(enabled ? "alerts.enabled.done" : "alerts.disabled.done", ids.size()));
    }

    private void confirmDelete() {
        List<Listed> doomed = grid.getSelectedItems().stream().toList();
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("alerts.delete.title", doomed.size()),
                getTranslation("alerts.delete.text", doomed.size(), String.join(", ",
                        doomed.stream().limit(8).map(Listed::name).toList()) + (doomed.size() > 8 ? ", \u2026" : "")),
                getTranslation("alerts.delete.count", doomed.size()), yes -> {
                    int deleted = rules.deleteRules(doomed.stream().map(Listed::id).toList());
                    done(getTranslation("alerts.deleted", deleted));
                });
        confirm.setId("confirm-delete-rules");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        Confirmations.destructive(confirm);
        confirm.open();
    }

    private void done(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
    }

    private void refresh() {
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.alert-rules");
    }
}
