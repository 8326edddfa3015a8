package com.custodian.devices.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.Toolbars;
import com.custodian.devices.DeviceRow;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.router.RouteParameters;

/** The Devices pages, as an operator and as an administrator use them. */
class DevicesViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.custodian.devices.DevicesService devices;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String deviceId : created) {
            jdbc.update("delete from telemetry where device_ref = (select id from device where device_id = ?)", deviceId);
            jdbc.update("delete from device where device_id = ?", deviceId);
        }
    }

    @Test
    void anOperatorCreatesADeviceAndSeesItsKeyOnce() {
        signInAs(SignIn.OPERATOR);
        UI.getCurrent().navigate(DevicesView.class);
        assertThat(_find(Anchor.class, spec -> spec.withId("export-device-data"))).as("no export for operators")
                .allMatch(anchor -> !anchor.isVisible());

        Toolbars.click("new-device");
        NewDeviceDialog dialog = _get(NewDeviceDialog.class);
        dialog.deviceId.setValue("bad id with spaces");
        dialog.template.setValue(dialog.template.getListDataView().getItem(0));
        _click(dialog.create);
        assertThat(dialog.deviceId.getErrorMessage()).contains("is not a device ID");

        String deviceId = "karibu-" + UUID.randomUUID().toString().substring(0, 8);
        created.add(deviceId);
        dialog.deviceId.setValue(deviceId);
        _click(dialog.create);

        DeviceKeyDialog key = _get(DeviceKeyDialog.class);
        assertThat(key.key.getValue()).hasSize(43);
        assertThat(jdbc.queryForObject("select key_hash from device where device_id = ?", String.class, deviceId))
                .as("only a hash is stored").hasSize(64).isNotEqualTo(key.key.getValue());
        assertThat(grid().getDataProvider()).isNotNull();
        assertThat(rows()).extracting(DeviceRow::deviceId).contains(deviceId);
    }

    @Test
    void theDetailShowsLatestValuesAndAChartPerField() {
        signInAs(SignIn.OPERATOR);
        UI.getCurrent().navigate(DeviceDetailView.class, new RouteParameters("deviceId", "sensor-lobby-01"));
        Image chart = _get(Image.class, spec -> spec.withId("chart-temperature"));
        assertThat(chart.getSrc()).startsWith("data:image/svg+xml;base64,");
        String svg = new String(java.util.Base64.getDecoder().decode(chart.getSrc().substring(26)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(svg).contains("<polyline");
        assertThat(chart.getAlt()).hasValueSatisfying(alt -> assertThat(alt).startsWith("Chart of temperature"));
        assertThat(_find(Image.class)).hasSize(3);
    }

    @Test
    void anAdministratorErasesADeviceAfterSeeingTheCounts() {
        signInAs(SignIn.ADMIN);
        String deviceId = "karibu-" + UUID.randomUUID().toString().substring(0, 8);
        created.add(deviceId);
        devices.createDevice(deviceId, "To be erased", devices.templates().getFirst().id());
        UI.getCurrent().navigate(DevicesView.class);
        Grid<DeviceRow> grid = grid();
        grid.select(rows().stream().filter(row -> row.deviceId().equals(deviceId)).findFirst().orElseThrow());
        Toolbars.click("erase-device-data");
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-erase-devices"));
        ComponentUtil.fireEvent(confirm, new ConfirmDialog.ConfirmEvent(confirm, false));
        confirm.close();

        expectNotifications("Erased 1 device and no telemetry value.");
        assertThat(rows()).extracting(DeviceRow::deviceId).doesNotContain(deviceId);
    }

    @Test
    void anOperatorDefinesATemplateAndIsToldWhatIsWrongFirst() {
        signInAs(SignIn.OPERATOR);
        UI.getCurrent().navigate(DevicesView.class);
        Toolbars.click("new-template");
        NewTemplateDialog dialog = _get(NewTemplateDialog.class);
        String name = "Karibu template " + UUID.randomUUID().toString().substring(0, 6);
        dialog.name.setValue(name);
        dialog.fields.getFirst().name().setValue("2nd reading");
        _click(dialog.create);
        assertThat(dialog.name.getErrorMessage()).startsWith("Field \u201c2nd reading\u201d");

        dialog.fields.getFirst().name().setValue("pressure");
        dialog.fields.getFirst().unit().setValue("hPa");
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("template-add-field")));
        dialog.fields.get(1).name().setValue("valve_open");
        dialog.fields.get(1).type().setValue(com.custodian.devices.FieldType.BOOLEAN);
        _click(dialog.create);

        expectNotifications("Template " + name + " created: new devices can use it.");
        var template = devices.templates().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertThat(template.fields()).extracting(com.custodian.devices.FieldSpec::name).containsExactly("pressure", "valve_open");
        jdbc.update("delete from device_template where name = ?", name);
    }

    @SuppressWarnings("unchecked")
    private static Grid<DeviceRow> grid() {
        return _get(Grid.class, spec -> spec.withId("devices-grid"));
    }

    private static List<DeviceRow> rows() {
        Grid<DeviceRow> grid = grid();
        List<DeviceRow> rows = new ArrayList<>();
        for (int i = 0; i < _size(grid); i++) {
            rows.add(_get(grid, i));
        }
        return rows;
    }
}
