package com.custodian.devices.ui;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.PagedFetch;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.organizations.OrganizationRow;
import com.custodian.organizations.OrganizationsService;
import com.custodian.organizations.ui.TreeOrder;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import com.custodian.devices.DeviceDataService;
import com.custodian.devices.DeviceErasure;
import com.custodian.devices.DeviceRow;
import com.custodian.devices.DevicesService;
import com.custodian.devices.NewDevice;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.ButtonVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
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
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * The devices: registry and status, and the device data actions — export everything stored about
 * the selected devices, or erase it. Actions appear for the roles that may use them.
 */
@Route("devices")
@Uses(Badge.class)
@Menu(order = 30, icon = "vaadin:cluster", title = "menu.devices")
@RolesAllowed(Permission.Names.VIEW_DEVICES)
@AccessDeniedErrorRouter
public final class DevicesView extends Composite<VerticalLayout> implements HasDynamicTitle {

    final Grid<DeviceRow> grid = new LeanGrid<>();
    final TextField filter = new TextField();
    final ViewToolbar toolbar;
    final MarkupButton newDevice;
    final MarkupButton newTemplate;
    final MarkupButton delete;
    final Anchor export = new Anchor();
    final MarkupButton erase;
    final MarkupButton move;
    final ComboBox<OrganizationRow> organization = new ComboBox<>();

    private final DevicesService devices;
    /** The organization tree, read once with the page (a few hundred rows at most). */
    private final Map<UUID, OrganizationRow> organizationsById = new HashMap<>();
    private final List<OrganizationRow> organizationOrder;
    private final DeviceDataService deviceData;
    private volatile List<Long> selectedIds = List.of();

    DevicesView(DevicesService devices, DeviceDataService deviceData, CurrentUser currentUser,
            OrganizationsService organizations) {
        this.devices = devices;
        this.deviceData = deviceData;
        SignedInUser user = currentUser.require();
        List<OrganizationRow> tree = organizations.tree();
        tree.forEach(row -> organizationsById.put(row.id(), row));
        // Each field offers the organizations where the reader may do what it is for.
        com.custodian.organizations.Reach seen = organizations.reach(Permission.VIEW_DEVICES);
        com.custodian.organizations.Reach managed = organizations.reach(Permission.MANAGE_DEVICES);
        organizationOrder = TreeOrder.of(tree).stream().filter(row -> seen.includes(row.id())).toList();
        List<OrganizationRow> manageable = TreeOrder.of(tree).stream().filter(row -> managed.includes(row.id())).toList();

        grid.setId("devices-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("devices.empty"));
        // Cells drawn in the browser from each row's values: no server-side component per row.
        grid.addColumn(LitRenderer.<DeviceRow>of("<a href=${item.href} router-link>${item.deviceId}</a>")
                .withProperty("deviceId", DeviceRow::deviceId)
                .withProperty("href", row -> RouteConfiguration.forSessionScope().getUrl(DeviceDetailView.class,
                        new RouteParameters("deviceId", row.deviceId()))))
                .setHeader(getTranslation("devices.column.device-id")).setKey("device-id").setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(DeviceRow::displayName).setHeader(getTranslation("devices.column.name")).setKey("name")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(DeviceRow::templateName).setHeader(getTranslation("devices.column.template")).setKey("template")
                .setAutoWidth(true);
        grid.addColumn(row -> organizationName(row.organizationId()))
                .setHeader(getTranslation("devices.column.organization")).setKey("organization").setAutoWidth(true);
        grid.addColumn(LitRenderer.<DeviceRow>of("<vaadin-badge theme=${item.theme}>${item.status}</vaadin-badge>")
                .withProperty("status", row -> getTranslation(row.enabled() ? "devices.enabled" : "devices.disabled"))
                .withProperty("theme", row -> row.enabled() ? "success small" : "contrast small"))
                .setHeader(getTranslation("devices.column.status")).setKey("status")
                .setWidth("7.5rem").setFlexGrow(0);
        grid.addColumn(row -> row.lastSeenAt() == null ? getTranslation("devices.never-seen")
                : ClientTime.format(row.lastSeenAt())).setHeader(getTranslation("devices.column.last-seen"))
                .setKey("last-seen").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> ClientTime.formatDate(row.createdAt())).setHeader(getTranslation("devices.column.created"))
                .setKey("created").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(com.custodian.base.ui.CountedDataProvider.of(query -> PagedFetch.fetch(query,
                DevicesService.MAX_PAGE_SIZE,
                page -> devices.listDevices(filter.getValue(), organizationFilter(), (int) page.getOffset(),
                        page.getPageSize())),
                count -> (int) Math.min(Integer.MAX_VALUE, devices.countDevices(filter.getValue(), organizationFilter())),
                () -> filter.getValue() + "\u0000" + organizationFilter()));
        grid.setSizeFull();
        grid.addSelectionListener(selection -> follow(selection.getAllSelectedItems()));

        filter.setId("devices-filter");
        filter.setPlaceholder(getTranslation("devices.filter"));
        filter.setAriaLabel(getTranslation("devices.filter"));
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("22rem");
        filter.addValueChangeListener(change -> {
            grid.deselectAll();
            grid.getDataProvider().refreshAll();
        });

        organization.setId("devices-organization");
        organization.setPlaceholder(getTranslation("devices.filter.organization"));
        organization.setAriaLabel(getTranslation("devices.column.organization"));
        com.custodian.organizations.ui.OrganizationPicker.configure(organization, organizationOrder,
                row -> organizationName(row.id()));
        organization.setClearButtonVisible(true);
        organization.setWidth("16rem");
        organization.addValueChangeListener(change -> {
            grid.deselectAll();
            grid.getDataProvider().refreshAll();
        });

        toolbar = new ViewToolbar(getTranslation("devices.description"));
        newDevice = toolbar.action("new-device", VaadinIcon.PLUS, getTranslation("devices.new"),
                () -> new NewDeviceDialog(devices, manageable,
                        row -> "\u2003".repeat(row.depth()) + organizationName(row.id()), this::created).open())
                .addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newDevice.setVisible(user.has(Permission.MANAGE_DEVICES));
        newTemplate = toolbar.action("new-template", VaadinIcon.FILE_TREE, getTranslation("templates.new"),
                () -> new NewTemplateDialog(devices, template -> Notification.show(
                        getTranslation("templates.created", template.name()), 4000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS)).open());
        newTemplate.setVisible(user.has(Permission.MANAGE_DEVICES));
        move = toolbar.action("move-devices", VaadinIcon.LEVEL_RIGHT, getTranslation("devices.move"),
                () -> new MoveDevicesDialog(devices, List.copyOf(selectedIds), manageable,
                        row -> organizationName(row.id()), this::moved).open());
        move.setVisible(user.has(Permission.MANAGE_DEVICES));
        toolbar.add(export);
        erase = toolbar.action("erase-device-data", VaadinIcon.ERASER, getTranslation("devices.erase"),
                this::confirmErase).addThemeVariants(ButtonVariant.LUMO_ERROR);
        erase.setVisible(user.has(Permission.ERASE_DEVICE_DATA));
        delete = toolbar.action("delete-devices", VaadinIcon.TRASH, getTranslation("devices.delete"),
                this::confirmDelete);
        delete.setVisible(user.has(Permission.DELETE_DEVICES));

        export.setId("export-device-data");
        com.custodian.base.ui.GuardedDownload.attach(export, "devices.export.failed", event -> {
            event.setFileName("custodian-device-data-" + LocalDate.now(ClientTime.zone()) + ".zip");
            event.setContentType("application/zip");
            deviceData.export(selectedIds, event.getOutputStream(), event.getUI().getLocale());
        });
        export.add(VaadinIcon.DOWNLOAD_ALT.create());
        export.addClassNames("custodian-anchor-button");
        export.setVisible(user.has(Permission.EXPORT_DEVICE_DATA));

        follow(Set.of());

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(toolbar);
        HorizontalLayout filters = new HorizontalLayout(filter, organization);
        filters.setWrap(true);
        VerticalLayout body = new VerticalLayout(filters, grid);
        body.setSizeFull();
        layout.addAndExpand(body);
    }

    private void follow(Set<DeviceRow> selected) {
        selectedIds = selected.stream().map(DeviceRow::id).toList();
        int count = selected.size();
        move.setEnabled(count > 0);
        move.setText(count == 0 ? getTranslation("devices.move") : getTranslation("devices.move.title", count));
        delete.setEnabled(count > 0);
        delete.setText(count == 0 ? getTranslation("devices.delete") : getTranslation("devices.delete.count", count));
        erase.setEnabled(count > 0);
        erase.setText(count == 0 ? getTranslation("devices.erase") : getTranslation("devices.erase.count", count));
        com.custodian.base.ui.DownloadLinks.enable(export, count > 0);
        export.setText(count == 0 ? getTranslation("devices.export") : getTranslation("devices.export.count", count));
        export.addComponentAsFirst(VaadinIcon.DOWNLOAD_ALT.create());
    }

    private UUID organizationFilter() {
        return organization.getValue() == null ? null : organization.getValue().id();
    }

    /** The organization's name; the root's in the reader's language. */
    private String organizationName(UUID id) {
        OrganizationRow row = organizationsById.get(id);
        return row == null ? "" : row.isRoot() ? getTranslation("organizations.root") : row.name();
    }

    private void moved(int count, OrganizationRow to) {
        Notification.show(getTranslation("devices.moved", count, organizationName(to.id())), 4000,
                Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    private void created(NewDevice device) {
        grid.getDataProvider().refreshAll();
        new DeviceKeyDialog(device).open();
    }

    private String describe(List<DeviceRow> rows) {
        Map<Long, Long> counts = devices.telemetryCounts(rows.stream().map(DeviceRow::id).toList());
        long points = counts.values().stream().mapToLong(Long::longValue).sum();
        String names = rows.stream().limit(8).map(DeviceRow::deviceId).collect(Collectors.joining(", "));
        return getTranslation("devices.confirm.text", rows.size(), points, names + (rows.size() > 8 ? ", \u2026" : ""));
    }

    private void confirmDelete() {
        List<DeviceRow> rows = grid.getSelectedItems().stream().toList();
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("devices.delete.title", rows.size()), describe(rows),
                getTranslation("devices.delete.count", rows.size()), yes -> {
                    try {
                        int deleted = devices.deleteDevices(rows.stream().map(DeviceRow::id).toList());
                        done(getTranslation("devices.deleted", deleted));
                    } catch (com.custodian.devices.DevicesException refusal) {
                        Notification.show(getTranslation(refusal.problem().messageKey(), refusal.arguments()), 8000,
                                Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }
                });
        open(confirm, "confirm-delete-devices");
    }

    private void confirmErase() {
        List<DeviceRow> rows = grid.getSelectedItems().stream().toList();
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("devices.erase.title", rows.size()),
                describe(rows) + " " + getTranslation("devices.erase.stays"), getTranslation("devices.erase.count", rows.size()),
                yes -> {
                    DeviceErasure erasure = deviceData.erase(rows.stream().map(DeviceRow::id).toList());
                    done(getTranslation("devices.erased", erasure.devices(), erasure.telemetryPoints()));
                });
        open(confirm, "confirm-erase-devices");
    }

    private void open(ConfirmDialog confirm, String id) {
        confirm.setId(id);
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        Confirmations.destructive(confirm);
        confirm.open();
    }

    private void done(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.devices");
    }
}
