package com.custodian.devices.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.PagedFetch;
import com.custodian.devices.DeviceRow;
import com.custodian.devices.DevicesException;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TelemetryPoint;
import com.custodian.devices.TemplateSummary;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.RolesAllowed;

/**
 * One device: its properties, the latest value of each field, a chart of the last day per field,
 * and the raw telemetry.
 */
@Route("devices/:deviceId")
@RolesAllowed(Permission.Names.VIEW_DEVICES)
@AccessDeniedErrorRouter
public final class DeviceDetailView extends Composite<VerticalLayout> implements BeforeEnterObserver, HasDynamicTitle {

    static final Duration CHART_PERIOD = Duration.ofHours(24);

    private final DevicesService devices;
    private final com.custodian.organizations.OrganizationsService organizations;
    private boolean mayManage;
    private String title = "";

    DeviceDetailView(DevicesService devices, com.custodian.organizations.OrganizationsService organizations) {
        this.devices = devices;
        this.organizations = organizations;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String deviceId = event.getRouteParameters().get("deviceId").orElse("");
        DeviceRow device;
        try {
            device = devices.device(deviceId);
        } catch (DevicesException notFound) {
            event.rerouteToError(NotFoundException.class, getTranslation("devices.not-found", deviceId));
            return;
        }
        title = device.displayName();
        // Managing it needs the permission where the device is, not only somewhere.
        mayManage = organizations.reaches(Permission.MANAGE_DEVICES, device.organizationId());
        show(device);
    }

    private void show(DeviceRow device) {
        TemplateSummary template = devices.template(device.templateId());
        VerticalLayout layout = getContent();
        layout.removeAll();
        layout.setPadding(true);

        H2 heading = new H2(device.displayName());
        heading.addClassNames(LumoUtility.Margin.NONE);
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        if (mayManage) {
            Button toggle = new Button(getTranslation(device.enabled() ? "devices.disable" : "devices.enable"),
                    click -> show(devices.setEnabled(device.deviceId(), !device.enabled())));
            toggle.setId("toggle-device");
            Button newKey = new Button(getTranslation("devices.new-key"), VaadinIcon.KEY.create(), click -> {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("devices.new-key.title"),
                        getTranslation("devices.new-key.text"), getTranslation("devices.new-key"),
                        yes -> new DeviceKeyDialog(devices.regenerateKey(device.deviceId())).open());
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("action.cancel"));
                confirm.open();
            });
            newKey.setId("new-device-key");
            header.addToEnd(toggle, newKey);
        }

        FormLayout properties = new FormLayout();
        properties.setId("device-properties");
        properties.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 3));
        properties.addFormItem(new Span(device.deviceId()), getTranslation("devices.column.device-id"));
        properties.addFormItem(new Span(template.name()), getTranslation("devices.column.template"));
        properties.addFormItem(new Span(getTranslation(device.enabled() ? "devices.enabled" : "devices.disabled")),
                getTranslation("devices.column.status"));
        properties.addFormItem(new Span(ClientTime.format(device.createdAt())), getTranslation("devices.column.created"));
        properties.addFormItem(new Span(device.lastSeenAt() == null ? getTranslation("devices.never-seen")
                : ClientTime.format(device.lastSeenAt())), getTranslation("devices.column.last-seen"));
        properties.addFormItem(new Span(ClientTime.format(device.keyCreatedAt())), getTranslation("devices.key-created"));

        Map<String, TelemetryPoint> latest = devices.latest(device.id());
        FlexLayout tiles = new FlexLayout();
        tiles.setId("device-latest");
        tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tiles.addClassNames(LumoUtility.Gap.MEDIUM);
        for (FieldSpec field : template.fields()) {
            TelemetryPoint point = latest.get(field.name());
            Span value = new Span(point == null ? "\u2014" : format(field, point));
            value.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD);
            Span name = new Span(field.name() + (field.unit() == null ? "" : " (" + field.unit() + ")"));
            name.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            Span when = new Span(point == null ? "" : ClientTime.format(point.timestamp()));
            when.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.XSMALL);
            Div tile = new Div(name, new Div(value), when);
            tile.addClassNames("custodian-tile");
            tiles.add(tile);
        }

        FlexLayout charts = new FlexLayout();
        charts.setId("device-charts");
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.addClassNames(LumoUtility.Gap.MEDIUM);
        java.time.Instant since = java.time.Instant.now().minus(CHART_PERIOD);
        for (FieldSpec field : template.fields()) {
            if (field.type() == FieldType.TEXT) {
                continue;
            }
            List<TelemetryPoint> series = devices.series(device.id(), field.name(), since, 2000);
            Image chart = new Image(TelemetryChart.dataUrl(TelemetryChart.svg(series, field.unit(), ClientTime.zone(),
                    ClientTime.locale(), getTranslation("devices.chart.empty"))),
                    getTranslation("devices.chart.alt", field.name(), series.size()));
            chart.setId("chart-" + field.name());
            H3 chartTitle = new H3(field.name());
            chartTitle.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.Bottom.XSMALL);
            charts.add(new Div(chartTitle, chart));
        }

        Grid<TelemetryPoint> raw = new LeanGrid<>();
        raw.setId("device-telemetry");
        raw.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        raw.addColumn(point -> ClientTime.format(point.timestamp())).setHeader(getTranslation("devices.telemetry.time"))
                .setAutoWidth(true);
        raw.addColumn(TelemetryPoint::field).setHeader(getTranslation("devices.telemetry.field")).setAutoWidth(true);
        raw.addColumn(point -> template.field(point.field()).map(field -> format(field, point)).orElse(""))
                .setHeader(getTranslation("devices.telemetry.value"));
        // Values arriving while the page is open do not shift its rows; reopening shows them.
        java.time.Instant openedAt = java.time.Instant.now();
        raw.setItems(com.custodian.base.ui.CountedDataProvider.of(query -> PagedFetch.fetch(query,
                DevicesService.MAX_PAGE_SIZE,
                page -> devices.telemetryPage(device.id(), openedAt, (int) page.getOffset(), page.getPageSize())),
                count -> (int) Math.min(Integer.MAX_VALUE, devices.telemetryCount(device.id(), openedAt)), () -> null));
        raw.setHeight("22rem");
        raw.setEmptyStateText(getTranslation("devices.telemetry.empty"));

        layout.add(header, properties, section("devices.latest"), tiles, section("devices.charts"), charts,
                section("devices.telemetry"), raw);
    }

    private H3 section(String key) {
        H3 section = new H3(getTranslation(key));
        section.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.Top.MEDIUM);
        return section;
    }

    private String format(FieldSpec field, TelemetryPoint point) {
        return switch (field.type()) {
            case BOOLEAN -> getTranslation(point.number() != null && point.number() != 0 ? "devices.true" : "devices.false");
            case TEXT -> point.text() == null ? "" : point.text();
            case NUMBER -> point.number() == null ? "" : java.text.NumberFormat.getNumberInstance(ClientTime.locale())
                    .format(point.number());
        };
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
