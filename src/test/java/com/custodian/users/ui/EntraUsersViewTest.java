package com.custodian.users.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import com.custodian.testsupport.Toolbars;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.security.SignInAuthorities;
import com.custodian.testsupport.EntraTestEnvironment;
import com.custodian.testsupport.Karibu;
import com.custodian.testsupport.LitCells;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.custodian.users.UserRow;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * The Users page against a tenant: emails and names come from Microsoft Graph in one request per
 * page, and when Graph fails every row still shows, marked. Then Graph misbehaves as it does in
 * production — a throttling storm, connection resets, answers slower than the read timeout — and
 * the page is loaded again and again: it renders every time, stops asking Graph while it should,
 * and shows the emails again once Graph recovers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntraUsersViewTest extends EntraTestEnvironment {

    private static final String GET_BY_IDS = "/v1.0/directoryObjects/getByIds";

    @Autowired
    ApplicationContext context;
    @Autowired
    SignInAuthorities signInAuthorities;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;

    private final List<Long> added = new ArrayList<>();
    private final Map<UUID, String> emails = new HashMap<>();
    private Identity administrator;

    @BeforeEach
    void signInAdministrator() {
        GRAPH.resetAll();
        TestUsers users = new TestUsers(context);
        administrator = new Identity(TENANT, UUID.randomUUID());
        added.add(users.add(administrator, BuiltInRole.APP_ADMINISTRATOR));
        emails.put(administrator.objectId(), "admin-" + administrator.objectId() + "@contoso.com");
        for (int i = 0; i < 3; i++) {
            Identity person = new Identity(TENANT, UUID.randomUUID());
            added.add(users.add(person, BuiltInRole.APP_OPERATOR));
            emails.put(person.objectId(), "person" + i + "-" + person.objectId() + "@contoso.com");
        }
        Karibu.setUp(context);
        Instant now = Instant.now();
        OidcIdToken token = new OidcIdToken("token", now, now.plusSeconds(3600), Map.of(
                "iss", issuer(), "sub", administrator.objectId().toString(), "aud", List.of(CLIENT_ID),
                "tid", TENANT.toString(), "oid", administrator.objectId().toString(),
                "preferred_username", "admin@contoso.com"));
        var authorities = signInAuthorities.signIn(administrator);
        Karibu.signIn(new OAuth2AuthenticationToken(new DefaultOidcUser(authorities, token, "oid"), authorities,
                "entra"));
    }

    @AfterEach
    void tearDown() {
        Karibu.tearDown();
        added.forEach(new TestUsers(context)::remove);
    }

    @Test
    @Order(1)
    void emailsAndNamesComeFromGraphInOneRequestPerPage() {
        GRAPH.stubFor(post(urlPathEqualTo("/v1.0/directoryObjects/getByIds")).willReturn(okJson(graphAnswer())));
        UI.getCurrent().navigate(UsersView.class);
        GRAPH.resetRequests();

        Grid<UserRow> grid = usersGrid();
        Map<UUID, String> shown = new HashMap<>();
        for (int row = 0; row < _size(grid); row++) {
            shown.put(grid.getDataCommunicator().getItem(row).objectId(),
                    (String) LitCells.property(grid, row, "email", "text"));
        }

        assertThat(shown).containsAllEntriesOf(emails);
        GRAPH.verify(1, postRequestedFor(urlPathEqualTo("/v1.0/directoryObjects/getByIds")));
    }

    @Test
    @Order(1)
    void aPageOfPeopleServicePrincipalsAndGroupsIsStillOneGraphRequestWithTheGroupsMemberCounts() {
        TestUsers users = new TestUsers(context);
        Identity operators = new Identity(TENANT, UUID.randomUUID());
        Identity privacy = new Identity(TENANT, UUID.randomUUID());
        Identity robot = new Identity(TENANT, UUID.randomUUID());
        added.add(users.addGroup(operators, BuiltInRole.APP_OPERATOR));
        added.add(users.addGroup(privacy, BuiltInRole.APP_BUILDER));
        added.add(users.addServicePrincipal(robot, BuiltInRole.APP_OPERATOR));
        String ids = graphAnswer().replace("]}", """
                ,{"@odata.type":"#microsoft.graph.group","id":"%s","displayName":"Operators"}
                ,{"@odata.type":"#microsoft.graph.group","id":"%s","displayName":"Privacy"}
                ,{"@odata.type":"#microsoft.graph.servicePrincipal","id":"%s","displayName":"Robot"}]}"""
                .formatted(operators.objectId(), privacy.objectId(), robot.objectId()));
        GRAPH.stubFor(post(urlPathEqualTo("/v1.0/$batch")).willReturn(okJson("""
                {"responses":[{"id":"ids","status":200,"body":%s},
                  {"id":"%s","status":200,"body":12},{"id":"%s","status":200,"body":3}]}"""
                .formatted(ids, operators.objectId(), privacy.objectId()))));
        UI.getCurrent().navigate(UsersView.class);
        // The layout has named the signed-in administrator; the page's rows are fetched next.
        GRAPH.resetRequests();

        Grid<UserRow> grid = usersGrid();
        Map<UUID, Object> members = new HashMap<>();
        for (int row = 0; row < _size(grid); row++) {
            UserRow user = grid.getDataCommunicator().getItem(row);
            if (user.isGroup()) {
                members.put(user.objectId(), com.github.mvysny.kaributesting.v10.GridKt._getFormatted(grid, row, "type"));
                assertThat(LitCells.property(grid, row, "name", "name")).isIn("Operators", "Privacy");
            }
        }

        assertThat(members).containsEntry(operators.objectId(), "Group · 12 people").containsEntry(privacy.objectId(),
                "Group · 3 people");
        GRAPH.verify(1, postRequestedFor(urlPathEqualTo("/v1.0/$batch")));
        GRAPH.verify(0, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    @Order(2)
    void whenGraphFailsEveryRowStillShowsMarkedUnavailable() {
        GRAPH.stubFor(post(urlPathEqualTo("/v1.0/directoryObjects/getByIds")).willReturn(aResponse().withStatus(503)));
        UI.getCurrent().navigate(UsersView.class);

        Grid<UserRow> grid = usersGrid();
        int rows = _size(grid);
        assertThat(rows).isEqualTo(jdbc.queryForObject("select count(*) from app_user", Integer.class));
        int marked = 0;
        for (int row = 0; row < rows; row++) {
            UserRow user = grid.getDataCommunicator().getItem(row);
            if (emails.containsKey(user.objectId())) {
                assertThat(LitCells.property(grid, row, "email", "text")).isEqualTo(user.objectId().toString());
                assertThat(LitCells.property(grid, row, "name", "marker")).isEqualTo("Directory unavailable");
                marked++;
            }
        }
        assertThat(marked).isEqualTo(emails.size());
    }

    @Test
    @Order(3)
    void aThrottlingStormLeavesEveryPageWholeAndGraphIsAskedOnceUntilItsRetryAfter() throws Exception {
        GRAPH.stubFor(post(urlPathEqualTo(GET_BY_IDS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        awaitClosedCircuit();

        for (int load = 0; load < 5; load++) {
            assertEveryRowShownAndMarkedUnavailable();
        }
        assertThat(getByIdsRequests()).as("Retry-After 2 s exceeds the longest wait: asked once, not again")
                .isEqualTo(1);
        assertThat(directory.unavailableSince()).as("reported degraded").isPresent();

        // The tenant calms down: after its Retry-After the next page shows the emails again.
        GRAPH.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson(graphAnswer())));
        Thread.sleep(2_100);
        assertEmailsShown();
        assertThat(getByIdsRequests()).isEqualTo(2);
        assertThat(directory.unavailableSince()).as("recovered").isEmpty();
    }

    @Test
    @Order(4)
    void resetsOpenTheCircuitPagesStopAskingAndAssigningSaysSoThenItCloses() throws Exception {
        awaitClosedCircuit();
        GRAPH.stubFor(post(urlPathEqualTo(GET_BY_IDS))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        GRAPH.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        int loadsUntilOpen = loadUntilGraphIsLeftAlone();
        assertThat(loadsUntilOpen).as("the circuit opens after a few failing pages").isBetween(1, 4);
        int requests = getByIdsRequests();
        for (int load = 0; load < 3; load++) {
            assertEveryRowShownAndMarkedUnavailable();
        }
        assertThat(getByIdsRequests()).as("while open, pages do not wait on Graph").isEqualTo(requests);

        // Assigning by email needs the directory: refused with a clear message, nothing stored.
        int users = jdbc.queryForObject("select count(*) from app_user", Integer.class);
        Toolbars.click("assign-user");
        AssignUserDialog dialog = _get(AssignUserDialog.class);
        dialog.identifier.setValue("new.person@contoso.com");
        dialog.roles.setValue(dialog.roles.getListDataView().getItems()
                .filter(role -> role.id().equals(BuiltInRole.APP_OPERATOR.id())).collect(Collectors.toSet()));
        _click(dialog.assign);
        expectNotifications("Microsoft Entra ID cannot be reached right now. Try again in a minute.");
        assertThat(jdbc.queryForObject("select count(*) from app_user", Integer.class)).isEqualTo(users);
        dialog.close();

        recover();
    }

    @Test
    @Order(5)
    void timeoutsAreNotRetriedAndOpenTheCircuitThenItCloses() throws Exception {
        awaitClosedCircuit();
        GRAPH.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson(graphAnswer()).withFixedDelay(3_000)));

        int before = getByIdsRequests();
        assertThat(loadUntilGraphIsLeftAlone()).as("the circuit opens after a few slow pages").isBetween(1, 3);
        // Three failed lookups open the circuit; had a timeout been retried, each would have cost three.
        assertThat(getByIdsRequests() - before).as("timed-out requests, none retried").isEqualTo(3);
        recover();
    }

    /** Loads the page until a load asks Graph nothing (the circuit is open); how many loads asked. */
    private int loadUntilGraphIsLeftAlone() {
        for (int load = 1; load <= 10; load++) {
            int before = getByIdsRequests();
            assertEveryRowShownAndMarkedUnavailable();
            if (getByIdsRequests() == before) {
                return load - 1;
            }
        }
        throw new AssertionError("Graph was asked on every one of 10 failing page loads: the circuit never opened");
    }

    /** Graph answers again: once the circuit lets a request through, the page shows the emails. */
    private void recover() throws InterruptedException {
        GRAPH.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson(graphAnswer())));
        awaitClosedCircuit();
        assertEmailsShown();
        assertThat(directory.unavailableSince()).isEmpty();
    }

    /** The circuit stays open 2 s in these tests; a page then lets one request through. */
    private void awaitClosedCircuit() throws InterruptedException {
        Thread.sleep(2_100);
        GRAPH.resetRequests();
    }

    private void assertEveryRowShownAndMarkedUnavailable() {
        // Away to a page that asks the directory nothing, and back: a fresh Users page.
        UI.getCurrent().navigate(RolesView.class);
        UI.getCurrent().navigate(UsersView.class);
        Grid<UserRow> grid = usersGrid();
        int rows = _size(grid);
        assertThat(rows).isEqualTo(jdbc.queryForObject("select count(*) from app_user", Integer.class));
        for (int row = 0; row < rows; row++) {
            UserRow user = grid.getDataCommunicator().getItem(row);
            if (emails.containsKey(user.objectId())) {
                assertThat(LitCells.property(grid, row, "name", "marker")).isEqualTo("Directory unavailable");
            }
        }
    }

    private void assertEmailsShown() {
        UI.getCurrent().navigate(RolesView.class);
        UI.getCurrent().navigate(UsersView.class);
        Grid<UserRow> grid = usersGrid();
        Map<UUID, Object> shown = new HashMap<>();
        for (int row = 0; row < _size(grid); row++) {
            shown.put(grid.getDataCommunicator().getItem(row).objectId(),
                    LitCells.property(grid, row, "email", "text"));
        }
        assertThat(shown).containsAllEntriesOf(emails);
    }

    private static int getByIdsRequests() {
        return GRAPH.findAll(postRequestedFor(urlPathEqualTo(GET_BY_IDS))).size();
    }

    @SuppressWarnings("unchecked")
    private static Grid<UserRow> usersGrid() {
        return _get(Grid.class, spec -> spec.withId("users-grid"));
    }

    private String graphAnswer() {
        java.util.StringJoiner objects = new java.util.StringJoiner(",", "{\"value\":[", "]}");
        emails.forEach((id, email) -> objects.add("""
                {"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Person","mail":"%s"}"""
                .formatted(id, email)));
        return objects.toString();
    }
}
