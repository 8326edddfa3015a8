package com.custodian.requests;

/** How a request stands against its due date. */
public enum DueState {
    ON_TIME, DUE_SOON, OVERDUE, CLOSED
}
