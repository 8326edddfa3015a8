package com.custodian.requests;

/** Whom a request is about: a person (email address or Entra object ID) or devices (device IDs). */
public enum SubjectKind {
    PERSON, DEVICES
}
