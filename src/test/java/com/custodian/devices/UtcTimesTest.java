package com.custodian.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The quick reading of a device's time agrees with Instant.parse, and leaves it every other form. */
class UtcTimesTest {

    @Test
    void readsWhatInstantParseReads() {
        for (String text : List.of("2026-11-29T10:15:30Z", "2026-11-29T10:15:30.1Z", "2026-11-29T10:15:30.120Z",
                "2026-11-29T10:15:30.123456Z", "2026-11-29T10:15:30.123456789Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
            assertThat(UtcTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(4_102_444_800L), random.nextInt(1_000_000_000));
            assertThat(UtcTimes.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void leavesOtherFormsAndInvalidTimesToInstantParse() {
        for (String text : List.of("2026-11-29T10:15:30+02:00", "2026-11-29T10:15:30", "2026-02-30T10:15:30Z",
                "2026-13-01T10:15:30Z", "2026-11-29T24:00:00Z", "2026-11-29T10:60:30Z", "2026-11-29T10:15:60Z",
                "2026-11-29T10:15:30.Z", "2026-11-29T10:15:30.1234567890Z", "2026-11-29 10:15:30Z", "+2026-11-29T10:15:30Z",
                "2026-1a-29T10:15:30Z", "2026-11-29T10:15:30,5Z", "", "2026-11-29T10:15:30.12x4Z")) {
            assertThat(UtcTimes.parse(text)).as(text).isNull();
        }
    }
}
