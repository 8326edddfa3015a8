package com.custodian.requests.ui;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DeviceRow;
import com.custodian.devices.DevicesService;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.RouteParameters;

/**
 * Every download, asked for in a state where it cannot succeed (nothing prepared, fetched already,
 * erased meanwhile, deleted meanwhile, no longer allowed): the answer is the console's error page
 * and a notification that says why, never a failed request with a stack behind it.
 */
class RefusedDownloadsTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataRequestsService requests;
    @Autowired
    DevicesService devices;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        jdbc.update("delete from device where device_id like 'refused-%'");
    }

    @Test
    void aNewRequestOffersNoDownloadAndACraftedOneIsRefusedWithThePage() {
        RequestRow request = openAccessRequest();
        signInAs(SignIn.ADMIN);
        var detail = openRequest(request);
        assertThat(detail.download.isVisible()).as("nothing is prepared yet").isFalse();

        String page = body(detail.download);
        assertThat(page).contains("<html lang=\"en\"", "This export cannot be downloaded", "Back to the console")
                .doesNotContain("Exception", "Whitelabel", "at com.");
        expectNotifications(
                "This export cannot be downloaded: it was downloaded already, has expired, or the request changed meanwhile. Prepare it again.");
    }

    @Test
    void aPreparedExportIsServedOnceThenRefused() {
        RequestRow request = openAccessRequest();
        signInAs(SignIn.ADMIN);
        var detail = openRequest(request);
        prepare(detail);
        byte[] zip = DownloadKt._download(detail.download);
        assertThat(zip).startsWith('P', 'K');
        com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip(false);
        assertThat(detail.download.isVisible()).as("fetched: no longer offered").isFalse();

        assertThat(body(detail.download)).contains("This export cannot be downloaded");
    }

    @Test
    void anExportErasedMeanwhileIsRefused() {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        signInAs(SignIn.ADMIN);
        var detail = openRequest(request);
        prepare(detail);
        requests.erase(request.id(), requests.request(request.id()).version());

        assertThat(body(detail.download)).contains("This export cannot be downloaded").doesNotContain("PK");
    }

    @Test
    void anExportErasedOnAnotherInstanceIsRefusedAtDownload() {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        signInAs(SignIn.ADMIN);
        var detail = openRequest(request);
        java.util.Set<java.nio.file.Path> before = exportFiles();
        prepare(detail);
        java.util.Set<java.nio.file.Path> prepared = new java.util.HashSet<>(exportFiles());
        prepared.removeAll(before);
        assertThat(prepared).hasSize(1);
        // Erased elsewhere: no event reaches this instance, only the database says so.
        jdbc.update("update data_request set status = 'COMPLETED', receipt = '{}', subject = null where id = ?",
                request.id());

        assertThat(body(detail.download)).contains("This export cannot be downloaded").doesNotContain("PK");
        assertThat(exportFiles()).as("the prepared file of the erased subject is gone")
                .doesNotContainAnyElementsOf(prepared);
    }

    @Test
    void anExportOfASubjectAnotherRequestErasedIsRefused() {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow access = openAccessRequest();
        signInAs(SignIn.ADMIN);
        var detail = openRequest(access);
        prepare(detail);
        requests.complete(access.id());
        // Another request erases the same person: this closed request forgets its subject too.
        RequestRow erasure = requests.open(new NewRequest(RequestType.ERASURE, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        requests.erase(erasure.id(), erasure.version());
        assertThat(jdbc.queryForObject("select subject from data_request where id = ?", String.class, access.id()))
                .isNull();

        assertThat(body(detail.download)).contains("This export cannot be downloaded").doesNotContain("PK");
    }

    @Test
    void deviceDataOfDevicesDeletedMeanwhileOrNoLongerAllowedIsRefused() {
        SignIn.as(context, SignIn.ADMIN);
        var template = devices.templates().getFirst();
        DeviceRow device = devices.createDevice("refused-1", "Refused", template.id()).device();
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate("devices");
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<DeviceRow> grid = _get(com.vaadin.flow.component.grid.Grid.class,
                spec -> spec.withId("devices-grid"));
        Anchor export = _get(Anchor.class, spec -> spec.withId("export-device-data"));
        assertThat(export.isEnabled()).isFalse();
        assertThat(export.getElement().getAttribute("role")).as("still a link to assistive technology")
                .isEqualTo("link");
        assertThat(export.getElement().getAttribute("aria-disabled")).isEqualTo("true");

        grid.select(device);
        assertThat(export.getElement().getAttribute("aria-disabled")).isEqualTo("false");
        devices.deleteDevices(Set.of(device.id()));
        assertThat(body(export)).contains("The device data could not be exported").doesNotContain("Exception");
        expectNotifications("The device data could not be exported: a selected device may have been deleted "
                + "meanwhile, or your roles no longer allow it. Nothing was downloaded.");

        DeviceRow another = devices.createDevice("refused-2", "Refused", template.id()).device();
        grid.deselectAll();
        grid.select(another);
        // Signed in as someone whose roles no longer allow it (the page stays open meanwhile).
        signInAs(SignIn.OPERATOR);
        assertThat(body(export)).contains("The device data could not be exported");
    }

    @Test
    void theAuditTrailsExportIsRefusedOnceTheRoleIsGone() {
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate("audit-trail");
        Anchor export = _get(Anchor.class, spec -> spec.withId("export-audit"));
        assertThat(DownloadKt._download(export)).isNotEmpty();
        signInAs(SignIn.BUILDER);
        assertThat(body(export)).contains("The audit trail could not be exported");
    }

    @Test
    void addressesThatLeadNowhereShowTheNotFoundPageInTheFrame() {
        signInAs(SignIn.ADMIN);
        // (An address no page has is refused before it reaches a page: see ErrorPagesTest.)
        for (String address : List.of("devices/no-such-device", "data-requests/999999999",
                "data-requests/not-a-number")) {
            UI.getCurrent().navigate(address);
            assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                    .as(address).isInstanceOf(com.custodian.base.ui.NotFoundView.class);
            assertThat(UI.getCurrent().getElement().getTextRecursively()).as(address)
                    .doesNotContain("Exception", "Could not navigate", "stack");
        }
    }

    private RequestRow openAccessRequest() {
        SignIn.as(context, SignIn.ADMIN);
        return requests.open(new NewRequest(RequestType.ACCESS, "frank@contoso.test", LocalDate.now(ZoneOffset.UTC),
                "", ""));
    }

    private static DataRequestView openRequest(RequestRow request) {
        UI.getCurrent().navigate(DataRequestView.class, new RouteParameters("id", String.valueOf(request.id())));
        return _get(DataRequestView.class);
    }

    private static void prepare(DataRequestView detail) {
        _click(detail.export);
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            detail.followExport();
            return detail.download.isVisible();
        });
    }

    /** What the browser gets for the link, whether or not the page offers it now. */
    private static String body(Anchor link) {
        return new String(DownloadKt.download(link), StandardCharsets.UTF_8);
    }

    private static java.util.Set<java.nio.file.Path> exportFiles() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "custodian-exports"))) {
            return files.collect(java.util.stream.Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
