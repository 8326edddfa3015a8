package com.custodian.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A group's role in a company's deployment: the production jar configured for a Microsoft Entra
 * tenant (no demo), with an OpenID Connect provider standing in for Entra and an HTTP server for
 * Graph, both real servers on loopback. The administrator gives the group Contoso Operators a
 * role in the browser; Grace, a member with no role of her own and no groups claim in her token,
 * signs in and works as an operator; then Entra removes her from the group, and her open session
 * loses the role at its next step after the recheck time.
 */
class EntraGroupsJourney {

    static final UUID TENANT = UUID.fromString("5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
    static final UUID ADMIN = UUID.fromString("a11d0000-0000-4000-8000-000000000001");
    static final UUID GRACE = UUID.fromString("a11d0000-0000-4000-8000-000000000002");
    static final UUID OPERATORS = UUID.fromString("a11d0000-0000-4000-8000-0000000000aa");
    static final String CLIENT_ID = "custodian-e2e";

    static final MockOAuth2Server ENTRA = new MockOAuth2Server();
    static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static GreenMail smtp;

    @BeforeAll
    static void startServers() throws Exception {
        ENTRA.start();
        GRAPH.start();
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        String objects = """
                [{"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Adele Vance","mail":"adele@contoso.com","accountEnabled":true},
                 {"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Grace Hopper","mail":"grace@contoso.com","accountEnabled":true},
                 {"@odata.type":"#microsoft.graph.group","id":"%s","displayName":"Contoso Operators"}]"""
                .formatted(ADMIN, GRACE, OPERATORS);
        GRAPH.stubFor(post(urlPathEqualTo("/v1.0/directoryObjects/getByIds"))
                .willReturn(okJson("{\"value\":" + objects + "}")));
        GRAPH.stubFor(post(urlPathEqualTo("/v1.0/$batch")).willReturn(okJson("""
                {"responses":[{"id":"ids","status":200,"body":{"value":%s}},{"id":"%s","status":200,"body":2}]}"""
                .formatted(objects, OPERATORS))));
        GRAPH.stubFor(get(urlPathEqualTo("/v1.0/groups")).willReturn(okJson("""
                {"value":[{"id":"%s","displayName":"Contoso Operators"}]}""".formatted(OPERATORS))));
        GRAPH.stubFor(post(urlPathEqualTo(checkMemberGroups(ADMIN))).willReturn(okJson("{\"value\":[]}")));
    }

    @AfterAll
    static void stopServers() {
        ENTRA.shutdown();
        GRAPH.stop();
        smtp.stop();
    }

    private static String checkMemberGroups(UUID object) {
        return "/v1.0/directoryObjects/" + object + "/checkMemberGroups";
    }

    @Test
    void aGroupsRoleReachesItsMemberAndGoesWhenEntraRemovesHer() throws Exception {
        String authority = ENTRA.baseUrl().toString();
        Map<String, String> settings = new HashMap<>();
        settings.put("ENTRA_TENANT_ID", TENANT.toString());
        settings.put("ENTRA_CLIENT_ID", CLIENT_ID);
        settings.put("ENTRA_CLIENT_SECRET", "e2e-secret");
        settings.put("ENTRA_AUTHORITY_HOST", authority.substring(0, authority.length() - 1));
        settings.put("GRAPH_BASE_URL", GRAPH.baseUrl());
        settings.put("CUSTODIAN_BOOTSTRAP_ADMIN", ADMIN.toString());
        settings.put("SMTP_HOST", "127.0.0.1");
        settings.put("SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("SMTP_STARTTLS", "false");
        settings.put("ALERT_EMAIL_FROM", "custodian@contoso.com");
        settings.put("CUSTODIAN_SECURITY_RECHECKPERMISSIONSAFTER", "2s");
        StubMapping member = GRAPH.stubFor(post(urlPathEqualTo(checkMemberGroups(GRACE)))
                .willReturn(okJson("{\"value\":[\"" + OPERATORS + "\"]}")));

        try (RunningApp app = RunningApp.configured(settings, "entra-groups");
                Browser admin = new Browser(app, "entra-groups-admin");
                Browser grace = new Browser(app, "entra-groups-member")) {
            signIn(admin, app, ADMIN, "Adele Vance", "adele@contoso.com");
            admin.go("/users");
            admin.click("assign-group").pick("assign-group-name", "Contoso")
                    .check("assign-group-roles", "App Operator").click("assign-group-confirm");
            assertThat(admin.awaitGridText("users-grid", "Contoso Operators")).contains("Group · 2 people");
            admin.screenshot("entra-users-with-group");

            // Her token carries no groups claim: Custodian asks Graph once at sign-in.
            GRAPH.resetRequests();
            signIn(grace, app, GRACE, "Grace Hopper", "grace@contoso.com");
            assertThat(grace.path()).as("an operator lands on the devices").isEqualTo("/devices");
            assertThat(GRAPH.findAll(postRequestedFor(urlPathEqualTo(checkMemberGroups(GRACE)))))
                    .as("membership asked").isNotEmpty();
            grace.go("/my-access");
            assertThat(grace.awaitText("group Contoso Operators")).contains("From: group Contoso Operators (App Operator)");

            // Entra removes her from the group; the open session follows within the recheck time.
            GRAPH.removeStub(member);
            GRAPH.stubFor(post(urlPathEqualTo(checkMemberGroups(GRACE))).willReturn(okJson("{\"value\":[]}")));
            grace.until(driver -> {
                grace.go("/devices");
                return grace.path().equals("/no-access");
            });
            assertThat(grace.text()).contains("you hold no role in Custodian");
            grace.screenshot("entra-member-removed");

            admin.go("/audit-trail");
            assertThat(admin.awaitGridText("audit-grid", "Signed in through a group")).contains("Group assigned");
        }
    }

    /** The Entra sign-in as a browser follows it; the provider signs the person in at once. */
    private static void signIn(Browser browser, RunningApp app, UUID objectId, String name, String username) {
        ENTRA.enqueueCallback(new DefaultOAuth2TokenCallback(TENANT + "/v2.0", objectId.toString(), "JWT",
                List.of(CLIENT_ID), Map.of("tid", TENANT.toString(), "oid", objectId.toString(), "name", name,
                        "preferred_username", username), 3600));
        browser.driver().get(app.url("/oauth2/authorization/entra"));
        browser.until(driver -> driver.getCurrentUrl().startsWith(app.url("/"))
                && !driver.getCurrentUrl().contains("/login"));
        browser.settle();
    }
}
