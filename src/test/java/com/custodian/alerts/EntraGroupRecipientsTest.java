package com.custodian.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.custodian.security.GroupClaim;
import com.custodian.security.Identity;
import com.custodian.security.SignInAccess;
import com.custodian.testsupport.EntraTestEnvironment;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The recipient rule against a tenant, with Graph on loopback: an address of someone who signed in
 * through an assigned group is a current user while Graph says they are in it, and is not once
 * they have left; when Graph cannot say, the email waits rather than going or being dropped.
 */
class EntraGroupRecipientsTest extends EntraTestEnvironment {

    private static final String ADDRESS = "grace@contoso.com";

    @Autowired
    RecipientCheck recipients;
    @Autowired
    SignInAccess signInAccess;
    @Autowired
    ApplicationContext context;

    private final List<Long> added = new ArrayList<>();
    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        added.forEach(new TestUsers(context)::remove);
        stubs.forEach(GRAPH::removeStub);
    }

    @Test
    void aGroupMembersAddressReceivesWhileTheyAreInTheGroupAndNotOnceTheyLeave() {
        UUID group = UUID.randomUUID();
        Identity grace = new Identity(TENANT, UUID.randomUUID());
        added.add(new TestUsers(context).addGroup(new Identity(TENANT, group), BuiltInRole.APP_OPERATOR));
        stubs.add(GRAPH.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson("""
                {"value":[{"id":"%s","displayName":"Grace","mail":"%s"}]}""".formatted(grace.objectId(), ADDRESS)))));
        String check = "/v1.0/directoryObjects/" + grace.objectId() + "/checkMemberGroups";

        assertThat(recipients.status(ADDRESS)).as("in no record yet").isEqualTo(RecipientStatus.NOT_A_USER);
        signInAccess.signIn(grace, GroupClaim.of(List.of(group)));

        StubMapping member = GRAPH.stubFor(post(urlPathEqualTo(check)).willReturn(okJson("""
                {"value":["%s"]}""".formatted(group))));
        assertThat(recipients.status(ADDRESS)).isEqualTo(RecipientStatus.SIGNED_IN_USER);
        GRAPH.removeStub(member);

        StubMapping unavailable = GRAPH.stubFor(post(urlPathEqualTo(check)).willReturn(aResponse().withStatus(403)));
        assertThat(recipients.status(ADDRESS)).as("the email waits").isEqualTo(RecipientStatus.DIRECTORY_UNAVAILABLE);
        GRAPH.removeStub(unavailable);

        stubs.add(GRAPH.stubFor(post(urlPathEqualTo(check)).willReturn(okJson("{\"value\":[]}"))));
        assertThat(recipients.status(ADDRESS)).as("left the group in Entra").isEqualTo(RecipientStatus.NOT_A_USER);
    }
}
