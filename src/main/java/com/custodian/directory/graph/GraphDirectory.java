package com.custodian.directory.graph;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryPort;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.directory.EntraProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Microsoft Entra ID through Microsoft Graph, with an app-only token (client credentials). Object
 * IDs are resolved with {@code directoryObjects/getByIds}, up to 1,000 a request; people are found
 * by {@code mail} or {@code userPrincipalName}. Throttling ({@code 429} with {@code Retry-After}),
 * server errors and broken connections are retried a bounded number of times; a timeout is not
 * retried, and a {@code Retry-After} longer than {@code maxRetryWait} is not waited for but
 * remembered, up to the circuit's open time: no request goes to Graph before it. Repeated failures open a circuit breaker, during
 * which requests fail at once and pages show entries as unavailable.
 */
public final class GraphDirectory implements DirectoryPort {

    /** Graph's limit of IDs in one {@code getByIds} request. */
    static final int MAX_IDS_PER_REQUEST = 1000;
    static final String REGISTRATION_ID = "graph";

    private static final Logger log = LoggerFactory.getLogger(GraphDirectory.class);
    private static final String SELECT = "id,displayName,mail,userPrincipalName,accountEnabled";
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final UUID tenantId;
    private final RestClient graph;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    private GraphDirectory(UUID tenantId, RestClient graph, Duration maxRetryWait, Duration circuitOpenDuration) {
        this.tenantId = tenantId;
        this.graph = graph;
        this.maxRetryWait = maxRetryWait;
        this.circuitOpenDuration = circuitOpenDuration;
        this.retry = Retry.of("graph", RetryConfig.<Object>custom()
                .maxAttempts(ATTEMPTS)
                .retryOnException(this::worthRetrying)
                .intervalBiFunction((attempt, outcome) -> waitBefore(attempt, outcome))
                .failAfterMaxAttempts(false)
                .build());
        this.circuitBreaker = CircuitBreaker.of("graph", CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(circuitOpenDuration)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(GraphDirectory::isTransient)
                .build());
        this.retry.getEventPublisher().onRetry(event -> log.info("Retrying Microsoft Graph request (attempt {}): {}",
                event.getNumberOfRetryAttempts(), event.getLastThrowable().getMessage()));
        this.circuitBreaker.getEventPublisher().onStateTransition(event -> log.warn(
                "Microsoft Graph circuit breaker: {}", event.getStateTransition()));
    }

    private final Duration maxRetryWait;
    private final Duration circuitOpenDuration;
    /** Until when Graph asked, with {@code Retry-After}, not to be called; no request goes before. */
    private final AtomicReference<Instant> throttledUntil = new AtomicReference<>(Instant.MIN);

    /** Connects to the tenant's Graph with the app registration's client credentials. */
    public static GraphDirectory connect(EntraProperties entra) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(entra.clientId())
                .clientSecret(entra.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(entra.tokenEndpoint().toString())
                .scope(entra.graphScope())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        // Tokens are the application's own, cached until shortly before they expire.
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        var tokens = new OAuth2ClientHttpRequestInterceptor(manager);
        tokens.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        Authentication application = new AnonymousAuthenticationToken("custodian", "custodian",
                AuthorityUtils.createAuthorityList("ROLE_APPLICATION"));
        tokens.setPrincipalResolver(request -> application);

        HttpClient http = HttpClient.newBuilder().connectTimeout(entra.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(entra.readTimeout());
        RestClient graph = RestClient.builder()
                .baseUrl(entra.graphBaseUrl().toString())
                .requestFactory(requests)
                .requestInterceptor(tokens)
                .defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
                .build();
        return new GraphDirectory(UUID.fromString(entra.tenantId().strip()), graph, entra.maxRetryWait(),
                entra.circuitOpenDuration());
    }

    @Override
    public UUID tenantId() {
        return tenantId;
    }

    @Override
    public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds) {
        return findByIds(objectIds, List.of());
    }

    /** Graph's limit of requests in one {@code $batch}. */
    static final int MAX_REQUESTS_PER_BATCH = 20;

    /**
     * With groups to count, the first {@code getByIds} and up to nineteen member counts travel in
     * one {@code $batch} request; only a page with more groups than that costs more requests.
     */
    @Override
    public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds, Collection<UUID> countMembersOf) {
        List<String> ids = objectIds.stream().distinct().map(UUID::toString).toList();
        List<UUID> groups = countMembersOf.stream().distinct().toList();
        Map<UUID, DirectoryEntry> found = new HashMap<>();
        Map<UUID, Integer> counts = new HashMap<>();
        int countedFrom = 0;
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(from + MAX_IDS_PER_REQUEST, ids.size()));
            GetByIds body = new GetByIds(chunk, List.of("user", "servicePrincipal", "group"));
            GraphObjects answer;
            if (from == 0 && !groups.isEmpty()) {
                List<UUID> counted = groups.subList(0, Math.min(groups.size(), MAX_REQUESTS_PER_BATCH - 1));
                countedFrom = counted.size();
                answer = batch(body, counted, counts);
            } else {
                answer = call(() -> graph.post()
                        .uri(uri -> uri.path("/v1.0/directoryObjects/getByIds").queryParam("$select", SELECT).build())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(GraphObjects.class));
            }
            for (GraphObject object : answer.values()) {
                object.toEntry().ifPresent(entry -> found.put(entry.objectId(), entry));
            }
        }
        for (int from = countedFrom; from < groups.size(); from += MAX_REQUESTS_PER_BATCH) {
            batch(null, groups.subList(from, Math.min(from + MAX_REQUESTS_PER_BATCH, groups.size())), counts);
        }
        counts.forEach((group, count) -> found.computeIfPresent(group, (id, entry) -> entry.withMemberCount(count)));
        return found;
    }

    /**
     * One {@code $batch}: the {@code getByIds} (when given) and the count of people in each group,
     * nested groups included. A failed count leaves the group uncounted; a failed {@code getByIds}
     * fails the request as if it had been sent alone (and is retried so).
     */
    private GraphObjects batch(GetByIds getByIds, List<UUID> groups, Map<UUID, Integer> counts) {
        List<BatchRequest> requests = new ArrayList<>();
        if (getByIds != null) {
            requests.add(new BatchRequest(BY_IDS, "POST", "/directoryObjects/getByIds?$select=" + SELECT,
                    Map.of("Content-Type", MediaType.APPLICATION_JSON_VALUE), getByIds));
        }
        for (UUID group : groups) {
            requests.add(new BatchRequest(group.toString(), "GET",
                    "/groups/" + group + "/transitiveMembers/microsoft.graph.user/$count",
                    Map.of("ConsistencyLevel", "eventual"), null));
        }
        Map<String, BatchResponse> answers = batch(requests, getByIds == null ? Set.of() : Set.of(BY_IDS));
        answers.forEach((id, response) -> {
            if (!BY_IDS.equals(id) && response.status() == 200 && response.body() != null) {
                memberCount(response.body()).ifPresent(count -> counts.put(UUID.fromString(id), count));
            }
        });
        return getByIds == null ? new GraphObjects(List.of()) : objects(answers.get(BY_IDS));
    }

    /**
     * Sends the requests as one {@code $batch}; the answers by request ID. A required request that
     * failed fails the whole as if it had been sent alone (so throttling and server errors are
     * retried, and the circuit counts them); the others are for the caller to judge.
     */
    private Map<String, BatchResponse> batch(List<BatchRequest> requests, Set<String> required) {
        return call(() -> {
            BatchResponses answer = graph.post()
                    .uri(uri -> uri.path("/v1.0/$batch").build())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Batch(requests))
                    .retrieve()
                    .body(BatchResponses.class);
            Map<String, BatchResponse> answers = new HashMap<>();
            if (answer != null && answer.responses() != null) {
                answer.responses().forEach(response -> answers.put(response.id(), response));
            }
            for (String id : required) {
                BatchResponse response = answers.get(id);
                if (response == null) {
                    throw new DirectoryUnavailableException("Microsoft Graph left " + id + " out of its batch answer");
                }
                if (response.status() != 200) {
                    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
                    if (response.headers() != null) {
                        response.headers().forEach(headers::add);
                    }
                    throw new RestClientResponseException(id + " in a batch answered " + response.status(),
                            HttpStatusCode.valueOf(response.status()), "", headers, null, null);
                }
            }
            return answers;
        });
    }

    /** The objects a request of a batch answered; an answer that is not a list of them is a failure. */
    private static GraphObjects objects(BatchResponse response) {
        if (response.body() == null || !response.body().isObject()) {
            throw new DirectoryUnavailableException("Microsoft Graph answered " + response.id() + " without a body");
        }
        try {
            return JSON.convertValue(response.body(), GraphObjects.class);
        } catch (RuntimeException e) {
            throw new DirectoryUnavailableException("Microsoft Graph answered " + response.id() + " with something else "
                    + "than a list of objects", e);
        }
    }

    /** A {@code $count} answer: a bare number (Graph sends it as JSON in a batch, or base64 text). */
    private static Optional<Integer> memberCount(tools.jackson.databind.JsonNode body) {
        if (body.isNumber()) {
            return Optional.of(body.intValue());
        }
        if (body.isTextual()) {
            String text = body.asString().strip();
            try {
                return Optional.of(Integer.parseInt(text));
            } catch (NumberFormatException notPlain) {
                try {
                    return Optional.of(Integer.parseInt(new String(java.util.Base64.getDecoder().decode(text),
                            java.nio.charset.StandardCharsets.UTF_8).strip()));
                } catch (IllegalArgumentException notBase64) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static final String BY_IDS = "ids";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record BatchRequest(String id, String method, String url, Map<String, String> headers, Object body) {
    }

    record Batch(List<BatchRequest> requests) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchResponse(String id, int status, Map<String, String> headers,
            tools.jackson.databind.JsonNode body) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchResponses(List<BatchResponse> responses) {
    }

    @Override
    public List<DirectoryEntry> findPeopleByEmail(String email) {
        // OData string literals escape a single quote by doubling it.
        String literal = "'" + email.replace("'", "''") + "'";
        String filter = "mail eq " + literal + " or userPrincipalName eq " + literal;
        GraphObjects answer = call(() -> graph.get()
                .uri(uri -> uri.path("/v1.0/users").queryParam("$filter", "{filter}").queryParam("$select", SELECT)
                        .build(filter))
                .retrieve()
                .body(GraphObjects.class));
        List<DirectoryEntry> people = new ArrayList<>();
        for (GraphObject object : answer.values()) {
            object.asPerson().toEntry().ifPresent(people::add);
        }
        return people;
    }

    /**
     * People, service principals and groups at once: three searches in one {@code $batch} request.
     */
    @Override
    public List<DirectoryEntry> search(String text, int max) {
        String literal = "'" + text.strip().replace("'", "''") + "'";
        String byName = "startswith(displayName," + literal + ")";
        String people = byName + " or startswith(mail," + literal + ") or startswith(userPrincipalName," + literal + ")";
        String top = String.valueOf(Math.max(1, Math.min(max, 999)));
        List<BatchRequest> searches = List.of(
                new BatchRequest("users", "GET", relative("/users", people, SELECT, top), null, null),
                new BatchRequest("servicePrincipals", "GET", relative("/servicePrincipals", byName, "id,displayName", top),
                        null, null),
                new BatchRequest("groups", "GET", relative("/groups", byName, "id,displayName", top), null, null));
        Map<String, BatchResponse> answers = batch(searches, Set.of("users", "servicePrincipals", "groups"));
        List<DirectoryEntry> found = new ArrayList<>();
        objects(answers.get("users")).values().forEach(object -> object.asPerson().toEntry().ifPresent(found::add));
        objects(answers.get("servicePrincipals")).values()
                .forEach(object -> object.asServicePrincipal().toEntry().ifPresent(found::add));
        objects(answers.get("groups")).values().forEach(object -> object.asGroup().toEntry().ifPresent(found::add));
        return found.stream().limit(max).toList();
    }

    /** A request's URL relative to {@code /v1.0}, its filter encoded as a query value must be. */
    private static String relative(String path, String filter, String select, String top) {
        return org.springframework.web.util.UriComponentsBuilder.fromPath(path)
                .queryParam("$filter", "{filter}").queryParam("$select", "{select}").queryParam("$top", "{top}")
                .encode().buildAndExpand(filter, select, top).toUriString();
    }

    @Override
    public List<DirectoryEntry> findGroups(String namePrefix, int max) {
        String literal = "'" + namePrefix.strip().replace("'", "''") + "'";
        String top = String.valueOf(Math.max(1, Math.min(max, 999)));
        GraphObjects groups = call(() -> graph.get()
                .uri(uri -> uri.path("/v1.0/groups").queryParam("$filter", "{filter}")
                        .queryParam("$select", "id,displayName").queryParam("$top", top)
                        .build("startswith(displayName," + literal + ")"))
                .retrieve()
                .body(GraphObjects.class));
        List<DirectoryEntry> found = new ArrayList<>();
        groups.values().forEach(object -> object.asGroup().toEntry().ifPresent(found::add));
        return found.stream().limit(max).toList();
    }

    /** Graph's limit of group IDs in one {@code checkMemberGroups} request. */
    static final int MAX_GROUPS_PER_CHECK = 20;

    /**
     * One request whatever the number of groups: up to twenty are checked with
     * {@code checkMemberGroups}; more are answered by the object's whole transitive membership
     * ({@code getMemberGroups}), intersected here. {@code directoryObjects} serves people and
     * service principals alike.
     */
    @Override
    public java.util.Set<UUID> memberOf(UUID object, Collection<UUID> groups) {
        List<String> ids = groups.stream().distinct().map(UUID::toString).toList();
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        boolean check = ids.size() <= MAX_GROUPS_PER_CHECK;
        MemberGroups answer = call(() -> graph.post()
                .uri(uri -> uri.path(check ? "/v1.0/directoryObjects/{id}/checkMemberGroups"
                        : "/v1.0/directoryObjects/{id}/getMemberGroups").build(object))
                .contentType(MediaType.APPLICATION_JSON)
                .body(check ? new CheckMemberGroups(ids) : new GetMemberGroups(false))
                .retrieve()
                .body(MemberGroups.class));
        java.util.Set<UUID> member = new java.util.LinkedHashSet<>();
        if (answer.value() != null) {
            for (String id : answer.value()) {
                if (ids.contains(id.toLowerCase(java.util.Locale.ROOT))) {
                    member.add(UUID.fromString(id));
                }
            }
        }
        return member;
    }

    record GetMemberGroups(boolean securityEnabledOnly) {
    }

    /**
     * Twenty objects a request: each object's check (or, beyond twenty groups, its whole membership)
     * is one request of a {@code $batch}. An object whose check failed is left out, for its caller
     * to keep what it knew.
     */
    @Override
    public Map<UUID, java.util.Set<UUID>> memberships(Map<UUID, ? extends Collection<UUID>> groupsByObject) {
        List<UUID> objects = List.copyOf(groupsByObject.keySet());
        Map<UUID, java.util.Set<UUID>> answers = new HashMap<>();
        for (int from = 0; from < objects.size(); from += MAX_REQUESTS_PER_BATCH) {
            List<BatchRequest> checks = new ArrayList<>();
            for (UUID object : objects.subList(from, Math.min(from + MAX_REQUESTS_PER_BATCH, objects.size()))) {
                List<String> groups = groupsByObject.get(object).stream().distinct().map(UUID::toString).toList();
                boolean check = groups.size() <= MAX_GROUPS_PER_CHECK;
                checks.add(new BatchRequest(object.toString(), "POST", "/directoryObjects/" + object
                        + (check ? "/checkMemberGroups" : "/getMemberGroups"),
                        Map.of("Content-Type", MediaType.APPLICATION_JSON_VALUE),
                        check ? new CheckMemberGroups(groups) : new GetMemberGroups(false)));
            }
            batch(checks, Set.of()).forEach((id, response) -> {
                if (response.status() != 200 || response.body() == null || !response.body().isObject()) {
                    return;
                }
                UUID object = UUID.fromString(id);
                Set<String> asked = groupsByObject.get(object).stream().map(UUID::toString).collect(
                        java.util.stream.Collectors.toSet());
                java.util.Set<UUID> member = new java.util.LinkedHashSet<>();
                response.body().path("value").forEach(value -> {
                    String group = value.asString().toLowerCase(java.util.Locale.ROOT);
                    if (asked.contains(group)) {
                        member.add(UUID.fromString(group));
                    }
                });
                answers.put(object, member);
            });
        }
        return answers;
    }

    record CheckMemberGroups(List<String> groupIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MemberGroups(List<String> value) {
    }

    /** One Graph request, retried while transient and guarded by the circuit breaker. */
    private <T> T call(Supplier<T> request) {
        Instant waitUntil = throttledUntil.get();
        if (Instant.now().isBefore(waitUntil)) {
            // Graph throttles per app: asking again before the time it gave only prolongs the throttling.
            throw new DirectoryUnavailableException("Microsoft Graph asked not to be called until " + waitUntil);
        }
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(circuitBreaker,
                Retry.decorateSupplier(retry, () -> rememberingRetryAfter(request)));
        try {
            T answer = guarded.get();
            if (answer == null) {
                throw new DirectoryUnavailableException("Microsoft Graph answered without a body");
            }
            return answer;
        } catch (CallNotPermittedException e) {
            throw new DirectoryUnavailableException("Microsoft Graph is failing; not asking it for a while", e);
        } catch (OAuth2AuthorizationException e) {
            String description = e.getError().getDescription();
            throw new DirectoryUnavailableException("No Graph token from Microsoft Entra ID: "
                    + e.getError().getErrorCode() + (description == null ? "" : " (" + description + ")"), e);
        } catch (RestClientResponseException e) {
            throw new DirectoryUnavailableException("Microsoft Graph answered " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            throw new DirectoryUnavailableException("Microsoft Graph could not be reached: " + rootMessage(e), e);
        }
    }

    /** Throttling, server errors, timeouts and broken connections pass; other answers will not change. */
    static boolean isTransient(Throwable e) {
        if (e instanceof RestClientResponseException response) {
            HttpStatusCode status = response.getStatusCode();
            return status.value() == 429 || status.is5xxServerError();
        }
        return e instanceof ResourceAccessException || e.getCause() instanceof IOException;
    }

    /**
     * Retried: what {@link #isTransient} passes, except a timeout (it has already cost the whole read
     * timeout, and a page waits on it) and a {@code Retry-After} longer than a page may wait.
     */
    private boolean worthRetrying(Throwable e) {
        if (!isTransient(e) || isTimeout(e)) {
            return false;
        }
        return retryAfter(e).map(wait -> wait.compareTo(maxRetryWait) <= 0).orElse(true);
    }

    private <T> T rememberingRetryAfter(Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            // A wait too long to take here is obeyed for every caller, up to the circuit's open
            // time: a proxy's "Retry-After: 86400" must not silence Graph until a restart.
            retryAfter(e).filter(wait -> wait.compareTo(maxRetryWait) > 0).ifPresent(wait -> {
                Duration obeyed = wait.compareTo(circuitOpenDuration) > 0 ? circuitOpenDuration : wait;
                Instant until = Instant.now().plus(obeyed);
                throttledUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
            });
            throw e;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The seconds of a {@code Retry-After} header (an HTTP date is treated as absent). */
    private static Optional<Duration> retryAfter(Throwable e) {
        if (e instanceof RestClientResponseException response && response.getResponseHeaders() != null) {
            String retryAfter = response.getResponseHeaders().getFirst("Retry-After");
            if (retryAfter != null) {
                try {
                    return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip()))));
                } catch (NumberFormatException notSeconds) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The wait before a retry: what {@code Retry-After} asks, else an exponential backoff. */
    private long waitBefore(int attempt, Either<Throwable, Object> outcome) {
        long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
        if (outcome.isLeft()) {
            backoff = retryAfter(outcome.getLeft()).map(Duration::toMillis).orElse(backoff);
        }
        return Math.min(backoff, maxRetryWait.toMillis());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    record GetByIds(List<String> ids, List<String> types) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GraphObjects(List<GraphObject> value) {
        List<GraphObject> values() {
            return value == null ? List.of() : value;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GraphObject(@JsonProperty("@odata.type") String odataType, String id, String displayName, String mail,
            String userPrincipalName, Boolean accountEnabled) {

        /** Objects from {@code /groups} carry no type annotation: they are groups. */
        GraphObject asGroup() {
            return new GraphObject("#microsoft.graph.group", id, displayName, null, null, null);
        }

        GraphObject asServicePrincipal() {
            return new GraphObject("#microsoft.graph.servicePrincipal", id, displayName, null, null, accountEnabled);
        }

        /** Objects from {@code /users} carry no type annotation: they are people. */
        GraphObject asPerson() {
            return new GraphObject("#microsoft.graph.user", id, displayName, mail, userPrincipalName, accountEnabled);
        }

        java.util.Optional<DirectoryEntry> toEntry() {
            UUID objectId;
            try {
                objectId = UUID.fromString(id);
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
            if ("#microsoft.graph.user".equals(odataType)) {
                String email = mail != null && !mail.isBlank() ? mail : userPrincipalName;
                return java.util.Optional.of(new DirectoryEntry(objectId, DirectoryObjectType.PERSON, displayName, email,
                        userPrincipalName, accountEnabled));
            }
            if ("#microsoft.graph.group".equals(odataType)) {
                return java.util.Optional.of(new DirectoryEntry(objectId, DirectoryObjectType.GROUP, displayName, null));
            }
            if ("#microsoft.graph.servicePrincipal".equals(odataType)) {
                return java.util.Optional.of(
                        new DirectoryEntry(objectId, DirectoryObjectType.SERVICE_PRINCIPAL, displayName, null));
            }
            return java.util.Optional.empty();
        }
    }
}
