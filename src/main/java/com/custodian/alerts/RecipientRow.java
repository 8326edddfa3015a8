package com.custodian.alerts;

import java.util.List;

/** One stored address, the rules it is on, and whether it receives their emails. */
public record RecipientRow(String email, List<String> rules, RecipientStatus status) {
}
