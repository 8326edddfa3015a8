package com.custodian.base;

/**
 * Marks an exception by which a service refuses a change as asked (bad input, a rule of the
 * domain): the audit trail records such refusals, by the exception's kind, never its message.
 */
public interface Refusal {
}
