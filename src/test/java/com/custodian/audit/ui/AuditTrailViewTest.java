package com.custodian.audit.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.custodian.users.UsersService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;

import tools.jackson.databind.node.JsonNodeFactory;

/** An administrator deletes a user and finds the entry, with their own email resolved, filtered by action and by actor. */
class AuditTrailViewTest extends AbstractViewTest {

    @Autowired
    UsersService users;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> added = new ArrayList<>();

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @AfterEach
    void cleanUp() {
        added.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
        jdbc.update("delete from audit_entry where action = 'test.many-actors'");
        jdbc.update("delete from audit_entry where action = 'test.time-range'");
    }

    @Test
    void theTimeRangeIsMadeWhenAskedForAndNarrowsTheEntries() {
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        for (java.time.LocalDateTime at : List.of(now.minusHours(3), now.minusMinutes(5))) {
            jdbc.update("insert into audit_entry (at, actor, action, target, outcome) values (?, ?, 'test.time-range', "
                    + "'time-range-entry', 'DONE')", at, UUID.randomUUID().toString());
        }
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(AuditTrailView.class);
        AuditTrailView view = _get(AuditTrailView.class);
        view.target.setValue("time-range-entry");
        assertThat(_size(view.grid)).isEqualTo(2);
        assertThat(_find(DateTimePicker.class)).as("no pickers until a time range is asked for").isEmpty();

        view.timeRange.getElement().getNode().getFeature(ElementListenerMap.class).fireEvent(
                new DomEvent(view.timeRange.getElement(), "click", JsonNodeFactory.instance.objectNode()));

        assertThat(_find(DateTimePicker.class)).containsExactly(view.from, view.until);
        assertThat(view.timeRange.isAttached()).as("the button gives its place to the pickers").isFalse();
        view.from.setValue(now.minusHours(1));
        assertThat(_size(view.grid)).isEqualTo(1);
        view.until.setValue(now.minusMinutes(10));
        assertThat(_size(view.grid)).isZero();
        view.from.clear();
        view.until.clear();
        assertThat(_size(view.grid)).isEqualTo(2);
    }

    @Test
    void aPageByManyActorsAsksTheDirectoryOnceAndNamesServicePrincipals() {
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        jdbc.update("insert into audit_entry (at, actor, action, target, outcome) values (?, ?, 'test.many-actors', "
                + "'x', 'DONE')", now, com.custodian.security.api.LocalTokenIssuer.DEMO_CLIENT.toString());
        for (int i = 0; i < 30; i++) {
            jdbc.update("insert into audit_entry (at, actor, action, target, outcome) values (?, ?, 'test.many-actors', "
                    + "'x', 'DONE')", now.minusSeconds(i + 1), UUID.randomUUID().toString());
        }
        signInAs(SignIn.ADMIN);
        double before = directoryRequests();
        UI.getCurrent().navigate(AuditTrailView.class);
        AuditTrailView view = _get(AuditTrailView.class);
        view.action.setValue("test.many-actors");

        assertThat(_size(view.grid)).isEqualTo(31);
        assertThat(_getFormattedRow(view.grid, 30)).as("a service principal by its name (the first entry, listed last)")
                .contains("Privacy automation");
        assertThat(directoryRequests() - before)
                .as("one directory request a page shown (the page as opened, then filtered), not one an actor")
                .isBetween(1.0, 2.0);
    }

    @Test
    void aFetchOfManyPagesNamesTheActorsOfEveryPage() {
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        String demoClient = com.custodian.security.api.LocalTokenIssuer.DEMO_CLIENT.toString();
        List<Object[]> entries = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            entries.add(new Object[] {now.minusSeconds(1200 - i), UUID.randomUUID().toString()});
        }
        entries.add(new Object[] {now, demoClient});  // the newest: the first row, on the first page
        jdbc.batchUpdate("insert into audit_entry (at, actor, action, target, outcome) values (?, ?, 'test.many-actors', "
                + "'x', 'DONE')", entries);
        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(AuditTrailView.class);
        AuditTrailView view = _get(AuditTrailView.class);
        view.action.setValue("test.many-actors");

        // All rows at once, as a grid fetches a long range: pages of 500, drawn after the last one.
        List<com.custodian.audit.AuditRow> rows = view.grid.getLazyDataView().getItems().toList();
        var actor = com.github.mvysny.kaributesting.v10.GridKt.getValueProvider(
                (com.vaadin.flow.component.grid.ColumnPathRenderer<com.custodian.audit.AuditRow>) view.grid
                        .getColumnByKey("actor").getRenderer());
        assertThat(rows).hasSize(1201);
        assertThat(actor.apply(rows.getFirst())).as("the first row, fetched two pages before the grid draws")
                .isEqualTo("Privacy automation");
    }

    private double directoryRequests() {
        return meters.find("custodian.directory.requests").tag("operation", "resolve").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void theDeletionShowsWithTheActorsEmailAndFiltersNarrowIt() {
        UUID frank = directory.findPeopleByEmail("frank@contoso.test").getFirst().objectId();
        long user = new TestUsers(context).add(new Identity(directory.tenantId(), frank), BuiltInRole.APP_OPERATOR);
        added.add(user);
        SignIn.as(context, SignIn.ADMIN);
        users.deleteUsers(List.of(user), false);
        added.clear();

        signInAs(SignIn.ADMIN);
        UI.getCurrent().navigate(AuditTrailView.class);
        AuditTrailView view = _get(AuditTrailView.class);
        view.action.setValue("user.deleted");
        view.target.setValue(frank.toString());
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(_get(view.grid, 0).outcome()).isEqualTo("DONE");
        assertThat(_getFormattedRow(view.grid, 0)).as("the target named as the actor is, in the same request")
                .contains(SignIn.ADMIN, "User deleted", "frank@contoso.test");

        view.actor.setValue(SignIn.BUILDER);
        assertThat(_size(view.grid)).as("the builder deleted nobody").isZero();
        view.actor.setValue(SignIn.ADMIN);
        assertThat(_size(view.grid)).isEqualTo(1);
    }
}
