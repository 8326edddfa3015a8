package com.custodian.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.custodian.directory.DirectoryStatus;

/**
 * An assigned group: its row on the Users page, and the people who have signed in to Custodian
 * through it (Custodian's own records; the group's full membership is Entra's).
 *
 * @param signedIn how many have signed in through it, of whom {@code members} lists the most recent
 */
public record GroupDetail(UserRow group, List<Member> members, long signedIn) {

    /** A person who signed in through the group, with the name and address the directory gave now. */
    public record Member(UUID objectId, DirectoryStatus directoryStatus, String displayName, String email,
            Instant firstSignInAt, Instant lastSignInAt) {
    }
}
