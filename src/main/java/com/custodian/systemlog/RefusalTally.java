package com.custodian.systemlog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refusals of callers nobody knows (not signed in, a made-up token or device ID, a wrong password)
 * are counted, not written one by one: whatever such callers send, each interval adds one row per
 * event and kind to the system log, with how many, from which addresses (the first
 * {@value #MAX_ADDRESSES}, then how many more), a few samples of what was asked for, and the first
 * and last time. So
 * nobody outside can grow the database, or bury the refusals of people who are known.
 */
@Component
public class RefusalTally {

    /** As many as the system log keeps of one field (200 characters). */
    static final int MAX_ADDRESSES = 10;
    static final int MAX_SAMPLES = 3;
    /** Kinds are the code's, not the caller's; this only guards against a mistake. */
    private static final int MAX_KINDS = 100;
    private static final Logger log = LoggerFactory.getLogger(RefusalTally.class);

    private final SystemLog systemLog;
    private final Clock clock;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    RefusalTally(SystemLog systemLog, Clock clock) {
        this.systemLog = systemLog;
        this.clock = clock;
    }

    private static final class Tally {
        final String event;
        final String kind;
        final Instant first;
        Instant last;
        long count;
        final Set<String> addresses = new LinkedHashSet<>();
        long otherAddresses;
        final List<String> samples = new ArrayList<>();

        Tally(String event, String kind, Instant first) {
            this.event = event;
            this.kind = kind;
            this.first = first;
        }

        synchronized void add(String address, String sample, Instant at) {
            count++;
            last = at;
            if (address != null && !addresses.contains(address)) {
                if (addresses.size() < MAX_ADDRESSES) {
                    addresses.add(address);
                } else {
                    otherAddresses++;
                }
            }
            String clipped = sample == null ? null : sample.length() > 64 ? sample.substring(0, 64) + "…" : sample;
            if (clipped != null && samples.size() < MAX_SAMPLES && !samples.contains(clipped)) {
                samples.add(clipped);
            }
        }

        synchronized Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("kind", kind);
            fields.put("count", count);
            fields.put("addresses", String.join(" ", addresses));
            if (otherAddresses > 0) {
                fields.put("otherAddresses", otherAddresses);
            }
            if (!samples.isEmpty()) {
                fields.put("samples", String.join(" ", samples));
            }
            fields.put("first", first.toString());
            fields.put("last", last.toString());
            return fields;
        }
    }

    /**
     * Counts one refusal.
     *
     * @param event the system-log event its summary is written as, e.g. {@code access.refused}
     * @param kind what was refused, from a fixed set of the code's (never the caller's text)
     * @param address the caller's network address, if known
     * @param sample what was asked for (a path), kept for the first few only
     */
    public void count(String event, String kind, String address, String sample) {
        String key = event + " " + kind;
        if (!tallies.containsKey(key) && tallies.size() >= MAX_KINDS) {
            log.warn("Too many kinds of refusal to count separately; {} is not counted", key);
            return;
        }
        Instant now = clock.instant();
        // Atomic with the summary's removal of the key: no refusal falls between two intervals.
        tallies.compute(key, (k, tally) -> {
            Tally counted = tally != null ? tally : new Tally(event, kind, now);
            counted.add(address, sample, now);
            return counted;
        });
    }

    /** What was counted but not yet written goes before the application stops. */
    @jakarta.annotation.PreDestroy
    void flush() {
        summarise();
    }

    /** Writes the interval's summaries, a row per event and kind, and starts a new interval. */
    @Scheduled(fixedDelayString = "${custodian.system-log.refusal-interval:1m}",
            initialDelayString = "${custodian.system-log.refusal-interval:1m}")
    public void summarise() {
        for (String key : List.copyOf(tallies.keySet())) {
            Tally tally = tallies.remove(key);
            if (tally == null) {
                continue;
            }
            try {
                systemLog.recordOnItsOwn(tally.event, tally.fields());
            } catch (RuntimeException e) {
                log.warn("Recording a summary of refusals: {}", e.toString());
            }
        }
    }
}
