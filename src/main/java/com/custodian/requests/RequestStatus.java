package com.custodian.requests;

public enum RequestStatus {
    OPEN, IN_PROGRESS, COMPLETED, REJECTED;

    public boolean closed() {
        return this == COMPLETED || this == REJECTED;
    }
}
