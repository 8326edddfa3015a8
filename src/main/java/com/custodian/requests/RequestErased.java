package com.custodian.requests;

/** Published inside the transaction that erased a request's subject: prepared exports of it must go. */
record RequestErased(long requestId) {
}
