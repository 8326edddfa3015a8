package com.custodian.requests;

/** A request that cannot be opened or changed as asked, with the field at fault; nothing was stored. */
public class DataRequestException extends RuntimeException implements com.custodian.base.Refusal {

    private final String field;

    DataRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** "type", "subject", "receivedOn", "reference", "note", "extension", "reason" or "status". */
    public String field() {
        return field;
    }
}
