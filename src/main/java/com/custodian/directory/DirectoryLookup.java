package com.custodian.directory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to resolving a batch of object IDs: for each ID the directory answered about, its
 * entry or "not in the directory"; IDs it could not be asked about are unavailable.
 */
public final class DirectoryLookup {

    private final Map<UUID, Optional<DirectoryEntry>> answers;
    private final boolean directoryAnswered;

    DirectoryLookup(Map<UUID, Optional<DirectoryEntry>> answers, boolean directoryAnswered) {
        this.answers = Map.copyOf(answers);
        this.directoryAnswered = directoryAnswered;
    }

    public Optional<DirectoryEntry> entry(UUID objectId) {
        return answers.getOrDefault(objectId, Optional.empty());
    }

    public DirectoryStatus status(UUID objectId) {
        Optional<DirectoryEntry> answer = answers.get(objectId);
        if (answer == null) {
            return DirectoryStatus.UNAVAILABLE;
        }
        return answer.isPresent() ? DirectoryStatus.FOUND : DirectoryStatus.NOT_IN_DIRECTORY;
    }

    /** False when the directory could not be asked about some of the IDs. */
    public boolean directoryAnswered() {
        return directoryAnswered;
    }
}
