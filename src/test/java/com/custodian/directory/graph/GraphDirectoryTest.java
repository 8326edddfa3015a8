package com.custodian.directory.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.directory.EntraProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The Microsoft Graph adapter against a real HTTP server on loopback standing in for Graph and for
 * Entra's token endpoint: request counts, batching, orphans, throttling, failures and encoding.
 */
class GraphDirectoryTest {

    static final String TENANT = "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String GET_BY_IDS = "/v1.0/directoryObjects/getByIds";
    static final String TOKEN = "/" + TENANT + "/oauth2/v2.0/token";
    static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID ROBOT = UUID.fromString("22222222-2222-4222-8222-222222222222");

    static WireMockServer graph;

    GraphDirectory directory;

    @BeforeAll
    static void startGraph() {
        graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @BeforeEach
    void connect() {
        graph.resetAll();
        graph.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson("""
                {"access_token":"graph-token","token_type":"Bearer","expires_in":3600}""")));
        directory = GraphDirectory.connect(properties(Duration.ofMillis(700)));
    }

    static EntraProperties properties(Duration readTimeout) {
        return properties(readTimeout, Duration.ofSeconds(30));
    }

    static EntraProperties properties(Duration readTimeout, Duration circuitOpenDuration) {
        URI base = URI.create(graph.baseUrl());
        return new EntraProperties(TENANT, "custodian-app", "app-secret", base, base, Duration.ofSeconds(1),
                readTimeout, Duration.ofSeconds(2), circuitOpenDuration);
    }

    @Test
    void resolvesPeopleAndServicePrincipalsInOneRequestWithAnAppToken() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson("""
                {"value":[
                  {"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Alice Adams",
                   "mail":"alice@contoso.com","userPrincipalName":"alice@contoso.onmicrosoft.com"},
                  {"@odata.type":"#microsoft.graph.servicePrincipal","id":"%s","displayName":"Robot"}
                ]}""".formatted(ALICE, ROBOT))));

        Map<UUID, DirectoryEntry> found = directory.findByIds(List.of(ALICE, ROBOT, UUID.randomUUID()));
        directory.findByIds(List.of(ALICE));

        assertThat(found).containsOnlyKeys(ALICE, ROBOT);
        assertThat(found.get(ALICE)).isEqualTo(
                new DirectoryEntry(ALICE, DirectoryObjectType.PERSON, "Alice Adams", "alice@contoso.com",
                        "alice@contoso.onmicrosoft.com", null));
        assertThat(found.get(ALICE).addresses()).as("both, for erasure and the recipient rule")
                .containsExactly("alice@contoso.com", "alice@contoso.onmicrosoft.com");
        assertThat(found.get(ROBOT).type()).isEqualTo(DirectoryObjectType.SERVICE_PRINCIPAL);
        assertThat(found.get(ROBOT).email()).isNull();
        graph.verify(1, postRequestedFor(urlPathEqualTo(GET_BY_IDS))
                .withHeader("Authorization", equalTo("Bearer graph-token"))
                .withQueryParam("$select", equalTo("id,displayName,mail,userPrincipalName,accountEnabled"))
                .withRequestBody(matchingJsonPath("$.ids[?(@ == '" + ROBOT + "')]"))
                .withRequestBody(matchingJsonPath("$.types[?(@ == 'servicePrincipal')]")));
        graph.verify(2, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
        graph.verify(1, postRequestedFor(urlPathEqualTo(TOKEN))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=" + java.net.URLEncoder.encode(graph.baseUrl() + "/.default",
                        java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void userWithoutMailIsShownByUserPrincipalName() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson("""
                {"value":[{"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Alice",
                  "mail":null,"userPrincipalName":"alice@contoso.onmicrosoft.com"}]}""".formatted(ALICE))));
        assertThat(directory.findByIds(List.of(ALICE)).get(ALICE).email()).isEqualTo("alice@contoso.onmicrosoft.com");
    }

    @Test
    void aThousandAndOneIdsTakeTwoRequests() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson("{\"value\":[]}")));
        List<UUID> ids = IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID()).toList();
        assertThat(directory.findByIds(ids)).isEmpty();
        graph.verify(2, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
        graph.verify(1, postRequestedFor(urlPathEqualTo(GET_BY_IDS)).withRequestBody(matchingJsonPath("$.ids[999]")));
        graph.verify(1, postRequestedFor(urlPathEqualTo(GET_BY_IDS))
                .withRequestBody(matchingJsonPath("$.ids[0]")).withRequestBody(
                        notContaining(ids.get(0).toString())));
    }

    @Test
    void idsGraphOmitsAreNotInTheDirectory() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson("{\"value\":[]}")));
        var service = serviceOver(directory);
        DirectoryLookup lookup = service.resolve(List.of(ALICE));
        assertThat(lookup.status(ALICE)).isEqualTo(com.custodian.directory.DirectoryStatus.NOT_IN_DIRECTORY);
    }

    @Test
    void throttlingIsRetriedAfterTheWaitGraphAsksFor() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("calm"));
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(okJson("""
                        {"value":[{"@odata.type":"#microsoft.graph.user","id":"%s","displayName":"Alice",
                          "mail":"alice@contoso.com"}]}""".formatted(ALICE))));

        long started = System.nanoTime();
        Map<UUID, DirectoryEntry> found = directory.findByIds(List.of(ALICE));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(found).containsKey(ALICE);
        graph.verify(2, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
        assertThat(waited).as("honours Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("503");
        graph.verify(3, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndGraphIsLeftAlone() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                    .isInstanceOf(DirectoryUnavailableException.class);
        }
        int requests = graph.findAll(postRequestedFor(urlPathEqualTo(GET_BY_IDS))).size();
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("not asking it");
        assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(GET_BY_IDS)))).hasSize(requests);
    }

    @Test
    void connectionResetIsUnavailable() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("could not be reached");
    }

    @Test
    void slowAnswerTimesOutAsUnavailableAndIsNotAskedAgain() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson("{\"value\":[]}").withFixedDelay(3000)));
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class);
        graph.verify(1, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    void aRetryAfterOfAgesIsObeyedNoLongerThanTheCircuitStaysOpen() throws Exception {
        directory = GraphDirectory.connect(properties(Duration.ofMillis(700), Duration.ofSeconds(1)));
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).inScenario("proxy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "99999999999999999"))
                .willSetStateTo("calm"));
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).inScenario("proxy").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"value\":[]}")));
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("429");
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("asked not to be called until");
        Thread.sleep(1_100);
        assertThat(directory.findByIds(List.of(ALICE))).as("asked again after the circuit's open time").isEmpty();
        graph.verify(2, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitFailsAtOnceAndGraphIsLeftAloneUntilThen() {
        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("429");
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("asked not to be called until");
        assertThatThrownBy(() -> directory.findPeopleByEmail("alice@contoso.com"))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("asked not to be called until");
        graph.verify(1, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
        graph.verify(0, getRequestedFor(urlPathEqualTo("/v1.0/users")));
    }

    @Test
    void refusedTokenIsUnavailableAndSaysWhy() {
        graph.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret\"}")));
        assertThatThrownBy(() -> directory.findByIds(List.of(ALICE)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("invalid_client");
        graph.verify(0, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    void emailWithAQuoteIsEscapedAndEncoded() {
        String filter = "mail eq 'o''brien@contoso.com' or userPrincipalName eq 'o''brien@contoso.com'";
        graph.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$filter", equalTo(filter))
                .willReturn(okJson("""
                        {"value":[{"id":"%s","displayName":"Pat O'Brien","mail":"o'brien@contoso.com"}]}"""
                        .formatted(ALICE))));

        List<DirectoryEntry> people = directory.findPeopleByEmail("o'brien@contoso.com");

        assertThat(people).containsExactly(
                new DirectoryEntry(ALICE, DirectoryObjectType.PERSON, "Pat O'Brien", "o'brien@contoso.com"));
        graph.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/users")).withQueryParam("$filter", equalTo(filter)));
        String rawQuery = graph.findAll(getRequestedFor(urlPathEqualTo("/v1.0/users"))).getFirst().getUrl();
        assertThat(rawQuery).doesNotContain(" ").doesNotContain("'");
    }

    static com.custodian.directory.DirectoryService serviceOver(GraphDirectory port) {
        return com.custodian.directory.DirectoryTestAccess.service(port);
    }

    @Test
    void findsGroupsByTheStartOfTheirNameAndReadsThemFromGetByIds() {
        UUID operators = UUID.fromString("33333333-3333-4333-8333-333333333333");
        graph.stubFor(get(urlPathEqualTo("/v1.0/groups"))
                .withQueryParam("$filter", equalTo("startswith(displayName,'Contoso O''Brien')"))
                .withQueryParam("$select", equalTo("id,displayName"))
                .willReturn(okJson("""
                        {"value":[{"id":"%s","displayName":"Contoso O'Brien Operators"}]}""".formatted(operators))));
        assertThat(directory.findGroups("Contoso O'Brien", 10)).singleElement().satisfies(group -> {
            assertThat(group.type()).isEqualTo(DirectoryObjectType.GROUP);
            assertThat(group.displayName()).isEqualTo("Contoso O'Brien Operators");
        });

        graph.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(okJson("""
                {"value":[{"@odata.type":"#microsoft.graph.group","id":"%s","displayName":"Operators"}]}"""
                .formatted(operators))));
        assertThat(directory.findByIds(List.of(operators)).get(operators).type()).isEqualTo(DirectoryObjectType.GROUP);
        graph.verify(postRequestedFor(urlPathEqualTo(GET_BY_IDS)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("\"group\"")));
    }

    static final String CHECK = "/v1.0/directoryObjects/" + ALICE + "/checkMemberGroups";
    static final String ALL_GROUPS = "/v1.0/directoryObjects/" + ALICE + "/getMemberGroups";
    static final String BATCH = "/v1.0/$batch";

    static List<UUID> groups(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.fromString("44444444-4444-4444-8444-%012d".formatted(i)))
                .toList();
    }

    @Test
    void twentyGroupsAreCheckedInOneRequestForPeopleAndServicePrincipalsAlike() {
        List<UUID> groups = groups(20);
        graph.stubFor(post(urlPathEqualTo(CHECK)).willReturn(okJson("""
                {"value":["%s","%s"]}""".formatted(groups.get(3), groups.get(19)))));
        assertThat(directory.memberOf(ALICE, groups)).containsExactlyInAnyOrder(groups.get(3), groups.get(19));
        graph.verify(1, postRequestedFor(urlPathEqualTo(CHECK))
                .withRequestBody(matchingJsonPath("$.groupIds.length()", equalTo("20"))));
        graph.verify(0, postRequestedFor(urlPathEqualTo(ALL_GROUPS)));
    }

    @Test
    void moreThanTwentyGroupsAreAnsweredByTheWholeMembershipInOneRequest() {
        List<UUID> groups = groups(25);
        UUID elsewhere = UUID.randomUUID();
        graph.stubFor(post(urlPathEqualTo(ALL_GROUPS)).willReturn(okJson("""
                {"value":["%s","%s","%s"]}""".formatted(groups.get(3), elsewhere, groups.get(22)))));
        assertThat(directory.memberOf(ALICE, groups)).as("only the groups asked about")
                .containsExactlyInAnyOrder(groups.get(3), groups.get(22));
        graph.verify(1, postRequestedFor(urlPathEqualTo(ALL_GROUPS))
                .withRequestBody(matchingJsonPath("$.securityEnabledOnly", equalTo("false"))));
        graph.verify(0, postRequestedFor(urlPathEqualTo(CHECK)));
    }

    @Test
    void aThrottledMembershipCheckIsRetried() {
        graph.stubFor(post(urlPathEqualTo(CHECK)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("answered"));
        graph.stubFor(post(urlPathEqualTo(CHECK)).inScenario("throttled").whenScenarioStateIs("answered")
                .willReturn(okJson("{\"value\":[]}")));
        assertThat(directory.memberOf(ALICE, groups(2))).isEmpty();
        graph.verify(2, postRequestedFor(urlPathEqualTo(CHECK)));
    }

    @Test
    void aFailedMembershipCheckIsUnavailable() {
        graph.stubFor(post(urlPathEqualTo(CHECK)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> directory.memberOf(ALICE, groups(2))).isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void groupsOnAPageAreCountedInTheSameBatchAsTheirNames() {
        UUID operators = groups(2).get(0);
        UUID privacy = groups(2).get(1);
        graph.stubFor(post(urlPathEqualTo(BATCH)).willReturn(okJson("""
                {"responses":[
                  {"id":"%1$s","status":200,"headers":{"Content-Type":"text/plain"},"body":7},
                  {"id":"ids","status":200,"body":{"value":[
                    {"@odata.type":"#microsoft.graph.user","id":"%3$s","displayName":"Alice Adams","mail":"alice@contoso.com"},
                    {"@odata.type":"#microsoft.graph.group","id":"%1$s","displayName":"Operators"},
                    {"@odata.type":"#microsoft.graph.group","id":"%2$s","displayName":"Privacy"}]}},
                  {"id":"%2$s","status":403,"body":{"error":{"code":"Authorization_RequestDenied"}}}
                ]}""".formatted(operators, privacy, ALICE))));

        Map<UUID, DirectoryEntry> found = directory.findByIds(List.of(ALICE, operators, privacy),
                List.of(operators, privacy));

        assertThat(found.get(ALICE).displayName()).isEqualTo("Alice Adams");
        assertThat(found.get(operators).memberCount()).isEqualTo(7);
        assertThat(found.get(privacy).memberCount()).as("a count Graph refused is unknown, not zero").isNull();
        graph.verify(1, postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests.length()", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.requests[0].url", containing("/directoryObjects/getByIds")))
                .withRequestBody(matchingJsonPath("$.requests[1].url",
                        equalTo("/groups/" + operators + "/transitiveMembers/microsoft.graph.user/$count")))
                .withRequestBody(matchingJsonPath("$.requests[1].headers.ConsistencyLevel", equalTo("eventual"))));
        graph.verify(0, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    void aPageOfTwentyFiveGroupsTakesTwoBatches() {
        List<UUID> groups = groups(25);
        graph.stubFor(post(urlPathEqualTo(BATCH)).willReturn(okJson("""
                {"responses":[{"id":"ids","status":200,"body":{"value":[]}}]}""")));
        directory.findByIds(groups, groups);
        graph.verify(2, postRequestedFor(urlPathEqualTo(BATCH)));
        graph.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests.length()", equalTo("20"))));
        graph.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests.length()", equalTo("6"))));
    }

    @Test
    void aThrottledGetByIdsInsideABatchIsRetriedAsIfSentAlone() {
        UUID operators = groups(1).get(0);
        graph.stubFor(post(urlPathEqualTo(BATCH)).inScenario("batch").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"responses":[{"id":"ids","status":429,"headers":{"Retry-After":"0"},"body":{}}]}"""))
                .willSetStateTo("answered"));
        graph.stubFor(post(urlPathEqualTo(BATCH)).inScenario("batch").whenScenarioStateIs("answered")
                .willReturn(okJson("""
                        {"responses":[{"id":"ids","status":200,"body":{"value":[
                          {"@odata.type":"#microsoft.graph.group","id":"%1$s","displayName":"Operators"}]}},
                          {"id":"%1$s","status":200,"body":"Mw=="}]}""".formatted(operators))));
        assertThat(directory.findByIds(List.of(operators), List.of(operators)).get(operators).memberCount())
                .as("a count sent as base64 text").isEqualTo(3);
        graph.verify(2, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    @Test
    void peopleServicePrincipalsAndGroupsAreSearchedInOneBatch() {
        UUID operators = groups(1).get(0);
        graph.stubFor(post(urlPathEqualTo(BATCH)).willReturn(okJson("""
                {"responses":[
                  {"id":"groups","status":200,"body":{"value":[{"id":"%s","displayName":"O'Brien & Co Operators"}]}},
                  {"id":"users","status":200,"body":{"value":[{"id":"%s","displayName":"O'Brien","mail":"ob@contoso.com"}]}},
                  {"id":"servicePrincipals","status":200,"body":{"value":[]}}]}""".formatted(operators, ALICE))));

        List<DirectoryEntry> found = directory.search("O'Brien & Co", 10);

        assertThat(found).extracting(DirectoryEntry::type)
                .containsExactly(DirectoryObjectType.PERSON, DirectoryObjectType.GROUP);
        graph.verify(1, postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests.length()", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.requests[2].url", equalTo(
                        "/groups?$filter=startswith%28displayName%2C%27O%27%27Brien%20%26%20Co%27%29"
                                + "&$select=id%2CdisplayName&$top=10"))));
    }

    @Test
    void aThrottledSearchInsideABatchIsRetried() {
        graph.stubFor(post(urlPathEqualTo(BATCH)).inScenario("search").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"responses":[{"id":"users","status":200,"body":{"value":[]}},
                          {"id":"servicePrincipals","status":429,"headers":{"Retry-After":"0"},"body":{}},
                          {"id":"groups","status":200,"body":{"value":[]}}]}"""))
                .willSetStateTo("answered"));
        graph.stubFor(post(urlPathEqualTo(BATCH)).inScenario("search").whenScenarioStateIs("answered")
                .willReturn(okJson("""
                        {"responses":[{"id":"users","status":200,"body":{"value":[]}},
                          {"id":"servicePrincipals","status":200,"body":{"value":[{"id":"%s","displayName":"Robot"}]}},
                          {"id":"groups","status":200,"body":{"value":[]}}]}""".formatted(ROBOT))));
        assertThat(directory.search("Rob", 10)).extracting(DirectoryEntry::objectId).containsExactly(ROBOT);
        graph.verify(2, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    @Test
    void membershipsOfManyPeopleAreCheckedTwentyToABatchAndAFailedCheckIsLeftOut() {
        List<UUID> groups = groups(2);
        Map<UUID, List<UUID>> asked = new java.util.LinkedHashMap<>();
        IntStream.range(0, 25).forEach(i -> asked.put(UUID.fromString("55555555-5555-4555-8555-%012d".formatted(i)),
                groups));
        UUID first = asked.keySet().iterator().next();
        java.util.StringJoiner answers = new java.util.StringJoiner(",", "{\"responses\":[", "]}");
        asked.keySet().forEach(person -> answers.add(person.equals(first)
                ? "{\"id\":\"%s\",\"status\":503,\"body\":{}}".formatted(person)
                : "{\"id\":\"%s\",\"status\":200,\"body\":{\"value\":[\"%s\"]}}".formatted(person, groups.get(1))));
        graph.stubFor(post(urlPathEqualTo(BATCH)).willReturn(okJson(answers.toString())));

        Map<UUID, java.util.Set<UUID>> members = directory.memberships(asked);

        assertThat(members).as("the failed check is left out, the others answered").hasSize(24)
                .doesNotContainKey(first).allSatisfy((person, in) -> assertThat(in).containsExactly(groups.get(1)));
        graph.verify(2, postRequestedFor(urlPathEqualTo(BATCH)));
        graph.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests.length()", equalTo("20")))
                .withRequestBody(matchingJsonPath("$.requests[0].url", equalTo(
                        "/directoryObjects/" + first + "/checkMemberGroups"))));
    }
}
