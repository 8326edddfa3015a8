package com.custodian.users.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
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

/**
 * The Users page against a tenant: emails and names come from Microsoft Graph in one request per
 * page, and when Graph fails every row still shows, marked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntraUsersViewTest extends EntraTestEnvironment {

    @Autowired
    ApplicationContext context;
    @Autowired
    SignInAuthorities signInAuthorities;
    @Autowired
    JdbcTemplate jdbc;

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
