package com.custodian.requests;

/**
 * Why a data request could not be opened or changed as asked, and the field at fault. Each has a
 * message in the translation bundle under {@code requests.problem.<NAME>}, with the exception's
 * arguments filled in.
 */
public enum DataRequestProblem {
    TYPE_MISSING("type"),
    SUBJECT_MISSING("subject"),
    SUBJECT_TOO_LONG("subject"),
    SUBJECT_CONTROL_CHARACTER("subject"),
    SUBJECT_NOT_AN_EMAIL("subject"),
    SUBJECT_UNRECOGNISED("subject"),
    TOO_MANY_DEVICES("subject"),
    DEVICE_IDS_TOO_LONG("subject"),
    RECEIVED_ON_MISSING("receivedOn"),
    RECEIVED_ON_IN_FUTURE("receivedOn"),
    RECEIVED_ON_TOO_OLD("receivedOn"),
    REFERENCE_INVALID("reference"),
    REFERENCE_TAKEN("reference"),
    NOTE_TOO_LONG("note"),
    NOT_FOUND("status"),
    CHANGED_MEANWHILE("status"),
    SUBJECT_ERASED("status"),
    REJECTED("status"),
    NOT_AN_ERASURE("status"),
    ALREADY_COMPLETED("status"),
    ALREADY_REJECTED("status"),
    ALREADY_CLOSED("status"),
    DIRECTORY_UNAVAILABLE("status"),
    ERASURE_NOT_ALLOWED("status"),
    ERASURE_COMPLETES_BY_ERASING("status"),
    EXPORT_NOT_READY("status"),
    CLOSED_NOT_EXTENDABLE("status"),
    EXTENSION_TOO_LONG("extension"),
    EXTENSION_REASON_INVALID("reason"),
    REJECTION_REASON_INVALID("reason");

    private final String field;

    DataRequestProblem(String field) {
        this.field = field;
    }

    /** "type", "subject", "receivedOn", "reference", "note", "extension", "reason" or "status". */
    public String field() {
        return field;
    }

    public String messageKey() {
        return "requests.problem." + name();
    }
}
