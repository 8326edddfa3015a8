package com.custodian.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The application's way into the identity directory. Pages resolve the object IDs they show with
 * one call per page; answers are cached in memory for a short while (found and not-found alike),
 * so a page whose IDs are all cached asks nothing. When the directory fails, lookups degrade to
 * "unavailable" instead of failing the page. Each request to the directory is counted in the
 * {@code custodian.directory.requests} metric; when the directory starts failing, and when it
 * answers again, a {@link DirectoryAvailabilityChanged} event is published (once per change).
 */
@Service
public class DirectoryService {

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);

    private final DirectoryPort directory;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Since when the directory has been failing; null while it answers. */
    private final AtomicReference<Instant> unavailableSince = new AtomicReference<>();
    /** Object ID to what the directory said: an entry, or empty for "not in the directory". */
    private final Cache<UUID, Optional<DirectoryEntry>> cache;
    /** Search text to what the directory found, for a minute at most. */
    private final Cache<String, List<DirectoryEntry>> searches;

    DirectoryService(DirectoryPort directory, MeterRegistry meters, DirectoryCacheProperties cacheProperties,
            ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.meters = meters;
        this.events = events;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheProperties.ttl())
                .maximumSize(cacheProperties.maxEntries())
                .build();
        this.searches = Caffeine.newBuilder()
                .expireAfterWrite(java.time.Duration.ofMinutes(1).compareTo(cacheProperties.ttl()) < 0
                        ? java.time.Duration.ofMinutes(1) : cacheProperties.ttl())
                .maximumSize(1000)
                .build();
    }

    /** The tenant of the directory: the application's own tenant. */
    public UUID tenantId() {
        return directory.tenantId();
    }

    /**
     * Resolves object IDs to directory entries, asking the directory at most once for those not
     * cached. Never throws for a directory failure: the lookup then reports the uncached IDs as
     * {@link DirectoryStatus#UNAVAILABLE}.
     */
    public DirectoryLookup resolve(Collection<UUID> objectIds) {
        return resolve(objectIds, Set.of());
    }

    /**
     * As {@link #resolve(Collection)}, with the member count of those IDs that are groups named in
     * {@code groups}, in the same single request to the directory (where a page holds at most
     * nineteen groups). A cached group entry without its count is asked again.
     */
    public DirectoryLookup resolve(Collection<UUID> objectIds, Collection<UUID> groups) {
        Set<UUID> ids = new LinkedHashSet<>(objectIds);
        Map<UUID, Optional<DirectoryEntry>> known = new HashMap<>(cache.getAllPresent(ids));
        known.entrySet().removeIf(cached -> groups.contains(cached.getKey()) && cached.getValue()
                .filter(entry -> entry.type() == DirectoryObjectType.GROUP && entry.memberCount() == null).isPresent());
        Set<UUID> missing = new LinkedHashSet<>(ids);
        missing.removeAll(known.keySet());
        boolean answered = true;
        if (!missing.isEmpty()) {
            try {
                Map<UUID, DirectoryEntry> found = directory.findByIds(missing,
                        groups.stream().filter(missing::contains).toList());
                answered("resolve");
                for (UUID id : missing) {
                    Optional<DirectoryEntry> answer = Optional.ofNullable(found.get(id));
                    cache.put(id, answer);
                    known.put(id, answer);
                }
            } catch (DirectoryUnavailableException e) {
                failed("resolve", e);
                log.warn("Directory unavailable while resolving {} object IDs: {}", missing.size(), e.getMessage());
                answered = false;
            }
        }
        return new DirectoryLookup(known, answered);
    }

    /**
     * Which of these accounts the directory still knows and lets sign in, asked now (not from the
     * cache), a thousand to a request; the answers refresh the cache.
     *
     * @return the object IDs that are gone or disabled
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    public Set<UUID> endedAccounts(Collection<UUID> objectIds) {
        if (objectIds.isEmpty()) {
            return Set.of();
        }
        Map<UUID, DirectoryEntry> found;
        try {
            found = directory.findByIds(objectIds);
            answered("accounts");
        } catch (DirectoryUnavailableException e) {
            failed("accounts", e);
            throw e;
        }
        Set<UUID> ended = new LinkedHashSet<>();
        for (UUID id : objectIds) {
            DirectoryEntry entry = found.get(id);
            cache.put(id, Optional.ofNullable(entry));
            if (entry == null || !entry.enabled()) {
                ended.add(id);
            }
        }
        return ended;
    }

    /**
     * People with this email address. Always asks the directory (an assignment must not act on a
     * stale answer).
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked; the caller decides
     *         how to tell the user
     */
    public List<DirectoryEntry> findPeopleByEmail(String email) {
        try {
            List<DirectoryEntry> people = directory.findPeopleByEmail(email.strip());
            answered("find-by-email");
            people.forEach(person -> cache.put(person.objectId(), Optional.of(person)));
            return people;
        } catch (DirectoryUnavailableException e) {
            failed("find-by-email", e);
            throw e;
        }
    }

    /**
     * People, service principals and groups whose name (or email address) starts with the text. Answers are
     * cached briefly, so that paging through a filtered list asks the directory once.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    public List<DirectoryEntry> search(String text, int max) {
        String key = text.strip().toLowerCase(java.util.Locale.ROOT) + "\u0000" + max;
        List<DirectoryEntry> cached = searches.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        try {
            List<DirectoryEntry> found = List.copyOf(directory.search(text.strip(), max));
            answered("search");
            found.forEach(entry -> cache.put(entry.objectId(), Optional.of(entry)));
            searches.put(key, found);
            return found;
        } catch (DirectoryUnavailableException e) {
            failed("search", e);
            throw e;
        }
    }

    /**
     * Groups whose name starts with the text, for assigning a group. Always asks the directory.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    public List<DirectoryEntry> findGroups(String namePrefix, int max) {
        try {
            List<DirectoryEntry> found = List.copyOf(directory.findGroups(namePrefix, max));
            answered("find-groups");
            found.forEach(entry -> cache.put(entry.objectId(), Optional.of(entry)));
            return found;
        } catch (DirectoryUnavailableException e) {
            failed("find-groups", e);
            throw e;
        }
    }

    /**
     * Which of these groups the person belongs to, directly or through nested groups: asked now,
     * never from a cache (membership decides access).
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    public Set<UUID> memberOf(UUID person, Collection<UUID> groups) {
        if (groups.isEmpty()) {
            return Set.of();
        }
        try {
            Set<UUID> member = Set.copyOf(directory.memberOf(person, groups));
            answered("member-of");
            return member;
        } catch (DirectoryUnavailableException e) {
            failed("member-of", e);
            throw e;
        }
    }

    /**
     * For each object, which of its groups it is in, asked now in as few requests as the directory
     * allows (twenty objects a request for Graph); objects it could not answer about are absent.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    public Map<UUID, Set<UUID>> memberships(Map<UUID, ? extends Collection<UUID>> groupsByObject) {
        if (groupsByObject.isEmpty()) {
            return Map.of();
        }
        try {
            Map<UUID, Set<UUID>> answers = Map.copyOf(directory.memberships(groupsByObject));
            answered("memberships");
            return answers;
        } catch (DirectoryUnavailableException e) {
            failed("memberships", e);
            throw e;
        }
    }

    /** Since when the directory has been failing, or empty while it answers. */
    public Optional<Instant> unavailableSince() {
        return Optional.ofNullable(unavailableSince.get());
    }

    private void answered(String operation) {
        count(operation, "ok");
        Instant since = unavailableSince.getAndSet(null);
        if (since != null) {
            log.info("Directory answering again after {}", Duration.between(since, clock.instant()));
            events.publishEvent(new DirectoryAvailabilityChanged(true, operation, since, clock.instant(), null));
        }
    }

    private void failed(String operation, DirectoryUnavailableException e) {
        count(operation, "unavailable");
        Instant now = clock.instant();
        if (unavailableSince.compareAndSet(null, now)) {
            events.publishEvent(new DirectoryAvailabilityChanged(false, operation, now, now, e.getMessage()));
        }
    }

    private void count(String operation, String outcome) {
        Counter.builder("custodian.directory.requests")
                .description("Requests made to the identity directory")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
