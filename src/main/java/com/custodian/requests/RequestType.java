package com.custodian.requests;

/** What the customer asks for: to see their data (Art. 15), a portable copy (Art. 20), or erasure (Art. 17). */
public enum RequestType {
    ACCESS, EXPORT, ERASURE
}
