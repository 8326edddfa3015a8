package com.custodian.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A request as the register shows it. {@code subject} is the identifier it was opened with, or,
 * after an erasure, {@code sha256:} and a salted hash of it.
 */
public record RequestRow(long id, String reference, RequestType type, SubjectKind subjectKind, String subject,
        LocalDate receivedOn, LocalDate dueOn, int extendedMonths, String extensionReason, RequestStatus status,
        String rejectionReason, UUID handledBy, Instant completedAt, DueState dueState, String receipt, String note,
        long version) {
}
