package com.custodian.directory;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The application's way into the identity directory. Pages resolve the object IDs they show with
 * one call per page; when the directory fails, lookups degrade to "unavailable" instead of failing
 * the page. Each request to the directory is counted in the {@code custodian.directory.requests}
 * metric.
 */
@Service
public class DirectoryService {

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);

    private final DirectoryPort directory;
    private final MeterRegistry meters;

    DirectoryService(DirectoryPort directory, MeterRegistry meters) {
        this.directory = directory;
        this.meters = meters;
    }

    /** The tenant of the directory: the application's own tenant. */
    public UUID tenantId() {
        return directory.tenantId();
    }

    /**
     * Resolves object IDs to directory entries in one request. Never throws for a directory
     * failure: the lookup then reports every ID as {@link DirectoryStatus#UNAVAILABLE}.
     */
    public DirectoryLookup resolve(Collection<UUID> objectIds) {
        Set<UUID> ids = new LinkedHashSet<>(objectIds);
        if (ids.isEmpty()) {
            return DirectoryLookup.answered(Map.of());
        }
        try {
            Map<UUID, DirectoryEntry> found = directory.findByIds(ids);
            count("resolve", "ok");
            return DirectoryLookup.answered(found);
        } catch (DirectoryUnavailableException e) {
            count("resolve", "unavailable");
            log.warn("Directory unavailable while resolving {} object IDs: {}", ids.size(), e.getMessage());
            return DirectoryLookup.unavailable();
        }
    }

    /**
     * People with this email address.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked; the caller decides
     *         how to tell the user
     */
    public List<DirectoryEntry> findPeopleByEmail(String email) {
        try {
            List<DirectoryEntry> people = directory.findPeopleByEmail(email.strip());
            count("find-by-email", "ok");
            return people;
        } catch (DirectoryUnavailableException e) {
            count("find-by-email", "unavailable");
            throw e;
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
