package com.custodian.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "data_request")
class DataRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "data_request_seq")
    @SequenceGenerator(name = "data_request_seq", sequenceName = "data_request_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64)
    private String reference;

    @Enumerated(EnumType.STRING)
    @Column(name = "request_type", nullable = false, length = 16)
    private RequestType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_kind", nullable = false, length = 16)
    private SubjectKind subjectKind;

    /** The identifier as opened; null once the subject's data is erased. */
    @Column(length = 4000)
    private String subject;

    @Column(name = "subject_salt", nullable = false, length = 32)
    private String subjectSalt;

    @Column(name = "subject_hash", nullable = false, length = 64)
    private String subjectHash;

    @Column(name = "received_on", nullable = false)
    private LocalDate receivedOn;

    @Column(name = "due_on", nullable = false)
    private LocalDate dueOn;

    @Column(name = "extended_months", nullable = false)
    private int extendedMonths;

    @Column(name = "extension_reason", length = 1000)
    private String extensionReason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RequestStatus status;

    @Column(name = "rejection_reason", length = 1000)
    private String rejectionReason;

    @Column(length = 2000)
    private String note;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "opened_by", nullable = false, length = 36)
    private UUID openedBy;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "handled_by", length = 36)
    private UUID handledBy;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    /** What an erasure removed, as JSON: categories and counts, no personal data (about 1 KB). */
    @Column(length = 4000)
    private String receipt;

    @Version
    private Long version;

    protected DataRequest() {
    }

    DataRequest(String reference, RequestType type, SubjectKind subjectKind, String subject, String salt, String hash,
            LocalDate receivedOn, String note, UUID openedBy, Instant openedAt) {
        this.reference = reference;
        this.type = type;
        this.subjectKind = subjectKind;
        this.subject = subject;
        this.subjectSalt = salt;
        this.subjectHash = hash;
        this.receivedOn = receivedOn;
        this.dueOn = receivedOn.plusMonths(1);
        this.status = RequestStatus.OPEN;
        this.note = note;
        this.openedBy = openedBy;
        this.openedAt = openedAt;
    }

    void extend(int months, String reason) {
        extendedMonths += months;
        dueOn = receivedOn.plusMonths(1 + extendedMonths);
        extensionReason = extensionReason == null ? reason : extensionReason + "\n" + reason;
    }

    void handle(UUID by) {
        handledBy = by;
        if (status == RequestStatus.OPEN) {
            status = RequestStatus.IN_PROGRESS;
        }
    }

    void complete(UUID by, Instant at, String receipt) {
        handledBy = by;
        status = RequestStatus.COMPLETED;
        completedAt = at;
        this.receipt = receipt;
    }

    void reject(UUID by, Instant at, String reason) {
        handledBy = by;
        status = RequestStatus.REJECTED;
        completedAt = at;
        rejectionReason = reason;
    }

    /** After an erasure the register keeps no identifier of the subject: only the salted hash. */
    /** What stands where free text about an erased subject was: notes and reasons often name them. */
    static final String ERASED_TEXT = "[erased with the subject]";

    /**
     * Forgets the subject and the free text written about them (note, reasons), which often names
     * them; a salted hash of the subject stays as proof.
     *
     * @return how many of the free texts were there to erase
     */
    int forgetSubject() {
        subject = null;
        int erased = 0;
        if (note != null && !note.isBlank()) {
            note = ERASED_TEXT;
            erased++;
        }
        if (extensionReason != null && !extensionReason.isBlank()) {
            extensionReason = ERASED_TEXT;
            erased++;
        }
        if (rejectionReason != null && !rejectionReason.isBlank()) {
            rejectionReason = ERASED_TEXT;
            erased++;
        }
        return erased;
    }

    DueState dueState(LocalDate today) {
        if (status.closed()) {
            return DueState.CLOSED;
        }
        if (today.isAfter(dueOn)) {
            return DueState.OVERDUE;
        }
        return today.plusDays(7).isBefore(dueOn) ? DueState.ON_TIME : DueState.DUE_SOON;
    }

    RequestRow toRow(LocalDate today) {
        return new RequestRow(id, reference, type, subjectKind, subject != null ? subject : "sha256:" + subjectHash,
                receivedOn, dueOn, extendedMonths, extensionReason, status, rejectionReason, handledBy, completedAt,
                dueState(today), receipt, note, version);
    }

    Long getId() {
        return id;
    }

    String getReference() {
        return reference;
    }

    RequestType getType() {
        return type;
    }

    SubjectKind getSubjectKind() {
        return subjectKind;
    }

    String getSubject() {
        return subject;
    }

    RequestStatus getStatus() {
        return status;
    }

    LocalDate getDueOn() {
        return dueOn;
    }

    int getExtendedMonths() {
        return extendedMonths;
    }

    Long getVersion() {
        return version;
    }
}
