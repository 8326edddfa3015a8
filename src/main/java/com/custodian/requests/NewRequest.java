package com.custodian.requests;

import java.time.LocalDate;

/**
 * A request as it is opened: its type, the subject's identifier (an email address, an Entra object
 * ID, or device IDs separated by commas or spaces), the day it was received, an optional reference
 * (one is made when blank) and a note.
 */
public record NewRequest(RequestType type, String subject, LocalDate receivedOn, String reference, String note) {
}
