package com.custodian.devices;

/**
 * A telemetry request refused, with the HTTP status it earns and a message naming the problem.
 * Nothing of the request was stored.
 */
public class IngestionException extends RuntimeException {

    private final int status;

    public IngestionException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
