package com.custodian.alerts;

/** Whether all of a rule's conditions must hold, or any one of them. */
public enum MatchMode {
    ALL, ANY
}
