package com.custodian.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryUnavailableException;

/**
 * Whether the people with open sessions still have an account the directory lets sign in. Every
 * {@code custodian.security.account-check-every} (15 s, as the permission recheck), one batched question to the directory covers everyone seen recently (a
 * thousand to a request); a person Entra has disabled or deleted loses their open session at its
 * next request, even while still assigned in Custodian.
 * <p>
 * When the directory cannot answer, what it said last stands: nobody is signed out for the
 * directory's failure (as role assignments, kept in Custodian, still apply), and the failure is
 * on the directory's health and in the system log.
 */
@Component
public class AccountWatch {

    private static final Logger log = LoggerFactory.getLogger(AccountWatch.class);
    private static final int MAX_WATCHED = 100_000;

    private final DirectoryService directory;
    private final Clock clock;
    private final Duration forgetAfter;
    /** Object ID → when a request of theirs was last seen. */
    private final Map<UUID, Instant> watched = new ConcurrentHashMap<>();
    private final Set<UUID> ended = ConcurrentHashMap.newKeySet();

    AccountWatch(DirectoryService directory, Clock clock,
            @Value("${custodian.security.session-lifetime:12h}") Duration lifetime) {
        this.directory = directory;
        this.clock = clock;
        this.forgetAfter = lifetime;
    }

    /** A signed-in person's request: watch their account while their session may live. */
    void seen(UUID objectId) {
        if (watched.size() < MAX_WATCHED || watched.containsKey(objectId)) {
            watched.put(objectId, clock.instant());
        }
    }

    /** Whether the directory said the account is gone or disabled. */
    boolean ended(UUID objectId) {
        return ended.contains(objectId);
    }

    /** Asks the directory about everyone watched, in one batched question. */
    @Scheduled(fixedDelayString = "${custodian.security.account-check-every:15s}",
            initialDelayString = "${custodian.security.account-check-every:15s}")
    public void check() {
        Instant stale = clock.instant().minus(forgetAfter);
        watched.values().removeIf(last -> last.isBefore(stale));
        List<UUID> ids = List.copyOf(watched.keySet());
        if (ids.isEmpty()) {
            ended.clear();
            return;
        }
        Set<UUID> now;
        try {
            now = directory.endedAccounts(ids);
        } catch (DirectoryUnavailableException e) {
            log.warn("Could not ask the directory whether {} accounts are still enabled: {}", ids.size(), e.getMessage());
            return;
        }
        ended.retainAll(ids);
        ended.removeIf(id -> !now.contains(id));
        ended.addAll(now);
    }
}
