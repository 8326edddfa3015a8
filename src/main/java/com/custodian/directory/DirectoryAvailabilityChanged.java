package com.custodian.directory;

import java.time.Instant;

/**
 * The directory started failing ({@code available} false, with the reason), or answers again after
 * failing since {@code since}.
 *
 * @param operation the lookup that noticed the change
 */
public record DirectoryAvailabilityChanged(boolean available, String operation, Instant since, Instant at,
        String reason) {
}
