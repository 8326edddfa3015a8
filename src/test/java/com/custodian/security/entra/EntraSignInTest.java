package com.custodian.security.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContext;

import com.custodian.security.Identity;
import com.custodian.testsupport.EntraTestEnvironment;
import com.custodian.testsupport.ServerSessions;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;



/**
 * Sign-in with Entra ID over real HTTP, against a real OpenID Connect provider on loopback (issuer
 * {@code /{tenant}/v2.0}, ID tokens with {@code tid} and {@code oid}): the whole authorization-code
 * flow, as a browser follows it.
 */
class EntraSignInTest extends EntraTestEnvironment {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Long> usersAdded = new java.util.ArrayList<>();

    @AfterEach
    void removeUsers() {
        usersAdded.forEach(new TestUsers(context)::remove);
    }

    @Test
    void signInPageIsTheApplicationsOwnNotAGeneratedOne() throws Exception {
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("Login with OAuth 2.0").contains("window.Vaadin");
        HttpResponse<String> protectedPage = get("/users");
        assertThat(protectedPage.statusCode()).isEqualTo(302);
        assertThat(location(protectedPage)).endsWith("/login");
    }

    @Test
    void assignedPersonGetsTheirRolesPermissionsAndTheFirstSignInIsRecorded() throws Exception {
        Identity admin = person(BuiltInRole.APP_ADMINISTRATOR);
        TestUsers users = new TestUsers(context);
        assertThat(users.firstSignIn(admin)).isEmpty();

        String landing = signIn(admin, TENANT);

        assertThat(landing).isEqualTo(app("/").toString());
        assertThat(sessionAuthorities()).contains("ROLE_APP_USER", "ROLE_MANAGE_USERS", "ROLE_VIEW_AUDIT_TRAIL");
        assertThat(users.firstSignIn(admin)).isPresent();
        assertThat(sessionPrincipalName()).as("the principal is named by object ID, not email")
                .isEqualTo(admin.objectId().toString());
    }

    @Test
    void personWithoutAssignmentIsSignedInWithoutAnyPermission() throws Exception {
        Identity stranger = new Identity(TENANT, UUID.randomUUID());
        assertThat(signIn(stranger, TENANT)).endsWith("/");
        assertThat(sessionAuthorities()).isEmpty();
    }

    @Test
    void tokenOfAnotherTenantIsRefused() throws Exception {
        Identity admin = person(BuiltInRole.APP_ADMINISTRATOR);
        UUID otherTenant = UUID.randomUUID();
        assertThat(signIn(new Identity(otherTenant, admin.objectId()), otherTenant))
                .endsWith("/login?error=wrong-tenant");
        assertThat(sessionContext()).isNull();
        assertThat(new TestUsers(context).firstSignIn(admin)).isEmpty();
    }

    @Test
    void signOutEndsTheSessionAndTheEntraSession() throws Exception {
        Identity admin = person(BuiltInRole.APP_ADMINISTRATOR);
        signIn(admin, TENANT);
        String csrf = csrfToken(get("/").body());

        HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(app("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedOut.statusCode()).isEqualTo(302);
        URI endSession = URI.create(location(signedOut));
        assertThat(endSession.toString()).startsWith(issuer())
                .contains("id_token_hint=")
                .contains("post_logout_redirect_uri=" + app("/login?signed-out"));
        assertThat(sessionContext()).isNull();
    }

    @Test
    void aPersonEntraDisablesLosesTheirOpenSessionAtTheNextRecheck() throws Exception {
        Identity admin = person(BuiltInRole.APP_ADMINISTRATOR);
        signIn(admin, TENANT);
        assertThat(get("/users").statusCode()).isEqualTo(200);
        var watch = context.getBean(com.custodian.security.AccountWatch.class);

        // The directory cannot answer: nobody is signed out for its failure.
        var failing = GRAPH.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1.0/directoryObjects/getByIds"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        watch.check();
        GRAPH.removeStub(failing);
        assertThat(get("/users").statusCode()).isEqualTo(200);

        var disabled = GRAPH.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1.0/directoryObjects/getByIds"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"value":[{"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Ada",
                          "mail":"ada@contoso.com","accountEnabled":false}]}""".formatted(admin.objectId()))));
        try {
            watch.check();
        } finally {
            GRAPH.removeStub(disabled);
        }
        HttpResponse<String> next = get("/users");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(location(next)).endsWith("/session-ended");
        assertThat(sessionContext()).as("signed out").isNull();
        assertThat(cookies().getCookieStore().getCookies()).as("the reason, for the page that says why")
                .anySatisfy(cookie -> {
                    assertThat(cookie.getName()).isEqualTo("custodian-session-ended");
                    assertThat(cookie.getValue()).isEqualTo("account");
                });
    }

    private static final UUID OPERATORS = UUID.fromString("7a1e0c55-0b1d-4c7e-9f0a-5e2d3c4b5a61");

    private com.github.tomakehurst.wiremock.stubbing.StubMapping membership(Identity person, String answer) {
        return GRAPH.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/v1.0/directoryObjects/" + person.objectId() + "/checkMemberGroups"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(answer)));
    }

    private int membershipChecks(Identity person) {
        return GRAPH.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/v1.0/directoryObjects/" + person.objectId() + "/checkMemberGroups")).build()).getCount();
    }

    @Test
    void aGroupsClaimInTheTokenGivesTheGroupsRolesWithoutAskingGraph() throws Exception {
        usersAdded.add(new TestUsers(context).addGroup(new Identity(TENANT, OPERATORS), BuiltInRole.APP_OPERATOR));
        Identity member = new Identity(TENANT, UUID.randomUUID());

        signIn(member, TENANT, java.util.Map.of("groups", List.of(UUID.randomUUID().toString(), OPERATORS.toString())));

        assertThat(sessionAuthorities()).contains("ROLE_APP_USER", "ROLE_VIEW_DEVICES").doesNotContain("ROLE_MANAGE_USERS");
        assertThat(membershipChecks(member)).as("the token said").isZero();
        assertThat(new TestUsers(context).signedInThroughGroups(member)).containsExactly(OPERATORS);
    }

    @Test
    void withoutAGroupsClaimOrWithAnOverageGraphIsAskedOnce() throws Exception {
        usersAdded.add(new TestUsers(context).addGroup(new Identity(TENANT, OPERATORS), BuiltInRole.APP_OPERATOR));
        Identity member = new Identity(TENANT, UUID.randomUUID());
        var stub = membership(member, "{\"value\":[\"" + OPERATORS + "\"]}");
        try {
            signIn(member, TENANT);
            assertThat(sessionAuthorities()).contains("ROLE_VIEW_DEVICES");
            assertThat(membershipChecks(member)).isEqualTo(1);

            // More groups than a token carries: Entra names a source instead of listing them.
            browserSignOut();
            signIn(member, TENANT, java.util.Map.of("_claim_names", java.util.Map.of("groups", "src1"),
                    "_claim_sources", java.util.Map.of("src1", java.util.Map.of("endpoint",
                            "https://graph.microsoft.com/v1.0/users/" + member.objectId() + "/getMemberObjects"))));
            assertThat(sessionAuthorities()).contains("ROLE_VIEW_DEVICES");
            assertThat(membershipChecks(member)).isEqualTo(2);
        } finally {
            GRAPH.removeStub(stub);
        }
    }

    @Test
    void whenGraphCannotSayGroupsGiveNothingOwnRolesStillApplyAndTheSessionSaysWhy() throws Exception {
        usersAdded.add(new TestUsers(context).addGroup(new Identity(TENANT, OPERATORS), BuiltInRole.APP_ADMINISTRATOR));
        Identity builder = person(BuiltInRole.APP_BUILDER);
        // The app registration lacks the permission to read membership: Graph refuses.
        var refused = GRAPH.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/v1.0/directoryObjects/" + builder.objectId() + "/checkMemberGroups"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)));
        try {
            signIn(builder, TENANT);
            assertThat(sessionAuthorities()).contains("ROLE_MANAGE_ALERT_RULES", "CUSTODIAN_GROUPS_UNCHECKED")
                    .doesNotContain("ROLE_MANAGE_USERS");
        } finally {
            GRAPH.removeStub(refused);
        }
        var member = membership(builder, "{\"value\":[\"" + OPERATORS + "\"]}");
        try {
            // The next request rechecks (at once in tests) and Graph answers again.
            assertThat(get("/my-access").statusCode()).isEqualTo(200);
            assertThat(sessionAuthorities()).contains("ROLE_MANAGE_ALERT_RULES", "ROLE_MANAGE_USERS")
                    .doesNotContain("CUSTODIAN_GROUPS_UNCHECKED");
        } finally {
            GRAPH.removeStub(member);
        }
    }

    @Test
    void someoneRemovedFromTheGroupInEntraLosesItsRolesInTheirOpenSession() throws Exception {
        usersAdded.add(new TestUsers(context).addGroup(new Identity(TENANT, OPERATORS), BuiltInRole.APP_OPERATOR));
        Identity member = new Identity(TENANT, UUID.randomUUID());
        signIn(member, TENANT, java.util.Map.of("groups", List.of(OPERATORS.toString())));
        assertThat(sessionAuthorities()).contains("ROLE_VIEW_DEVICES");

        var removed = membership(member, "{\"value\":[]}");
        try {
            // The token still lists the group; the recheck asks Graph, which no longer does.
            get("/devices");
            assertThat(sessionAuthorities()).doesNotContain("ROLE_VIEW_DEVICES", "ROLE_APP_USER");
            assertThat(membershipChecks(member)).isEqualTo(1);
        } finally {
            GRAPH.removeStub(removed);
        }
    }

    private void browserSignOut() {
        cookies().getCookieStore().removeAll();
    }

    private String signIn(Identity identity, UUID tokenTenant, java.util.Map<String, Object> claims) throws Exception {
        nextSignInIs(identity, tokenTenant, claims);
        return followSignIn();
    }

    /** Runs the authorization-code flow as a browser would; returns where the application sends it last. */
    private String signIn(Identity identity, UUID tokenTenant) throws Exception {
        nextSignInIs(identity, tokenTenant);
        return followSignIn();
    }

    private String followSignIn() throws Exception {
        HttpResponse<String> toProvider = get("/oauth2/authorization/entra");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = location(toProvider);
        assertThat(authorize).startsWith(issuer());
        HttpResponse<String> toApp = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toApp.statusCode()).isEqualTo(302);
        String callback = location(toApp);
        assertThat(callback).startsWith(app("/login/oauth2/code/entra").toString());
        HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(URI.create(callback)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(landed.statusCode()).isEqualTo(302);
        return app("/").resolve(location(landed)).toString();
    }

    private Identity person(BuiltInRole role) {
        Identity identity = new Identity(TENANT, UUID.randomUUID());
        usersAdded.add(new TestUsers(context).add(identity, role));
        return identity;
    }

    private List<String> sessionAuthorities() {
        return ServerSessions.authorities(context, cookies());
    }

    private String sessionPrincipalName() {
        return sessionContext().getAuthentication().getName();
    }

    private SecurityContext sessionContext() {
        return ServerSessions.securityContext(context, cookies());
    }

    private CookieManager cookies() {
        return (CookieManager) browser.cookieHandler().orElseThrow();
    }

    private static String csrfToken(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(app(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI app(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
