package com.custodian.directory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The answer to resolving a batch of object IDs: what was found, and whether the directory answered. */
public final class DirectoryLookup {

    private final Map<UUID, DirectoryEntry> found;
    private final boolean answered;

    private DirectoryLookup(Map<UUID, DirectoryEntry> found, boolean answered) {
        this.found = Map.copyOf(found);
        this.answered = answered;
    }

    static DirectoryLookup answered(Map<UUID, DirectoryEntry> found) {
        return new DirectoryLookup(found, true);
    }

    static DirectoryLookup unavailable() {
        return new DirectoryLookup(Map.of(), false);
    }

    public Optional<DirectoryEntry> entry(UUID objectId) {
        return Optional.ofNullable(found.get(objectId));
    }

    public DirectoryStatus status(UUID objectId) {
        if (found.containsKey(objectId)) {
            return DirectoryStatus.FOUND;
        }
        return answered ? DirectoryStatus.NOT_IN_DIRECTORY : DirectoryStatus.UNAVAILABLE;
    }

    public boolean directoryAnswered() {
        return answered;
    }
}
