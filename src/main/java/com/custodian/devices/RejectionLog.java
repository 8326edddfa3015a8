package com.custodian.devices;

import org.springframework.stereotype.Component;

import com.custodian.systemlog.RefusalTally;

/**
 * Refused telemetry in the system log ({@code device.rejected}), without letting whoever sends it
 * write a row per request: refusals are counted per status and written as one row a minute, with
 * the count, the callers' addresses and a few of the paths (see {@link RefusalTally}). Neither the
 * rows nor the memory grow with the number of device IDs a caller makes up.
 */
@Component
class RejectionLog {

    private final RefusalTally tally;

    RejectionLog(RefusalTally tally) {
        this.tally = tally;
    }

    void refused(String path, int status, String address) {
        tally.count("device.rejected", String.valueOf(status), address, path);
    }
}
