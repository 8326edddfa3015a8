package com.custodian.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lukas, the demo's operator in Berlin, sees Berlin's devices only and is told a Seattle device does
 * not exist when he types its address; the administrator moves that device from Seattle to Berlin,
 * and Lukas then finds it on his Devices page and opens it (then it goes back, for the other journeys).
 */
@ExtendWith(RunningApp.class)
class ScopedOperatorJourney {

    private final RunningApp app = RunningApp.get();

    @Test
    void anOperatorInBerlinSeesBerlinOnlyUntilADeviceMovesThere() throws Exception {
        try (Browser lukas = new Browser(app, "scoped-operator");
                Browser admin = new Browser(app, "scoped-operator-admin")) {
            lukas.signIn("lukas@contoso.test").go("/devices");
            assertThat(lukas.awaitGridText("devices-grid", "sensor-warehouse-02")).doesNotContain("vending-hq-01");

            lukas.go("/devices/vending-hq-01");
            assertThat(lukas.awaitText("vending-hq-01")).contains("There is no device vending-hq-01");

            admin.signIn("admin@contoso.test").go("/devices").selectRow("devices-grid", "vending-hq-01")
                    .click("move-devices").pick("move-devices-organization", "Berlin").click("move-devices-confirm");
            admin.awaitNotification("1 device moved to Berlin.");

            lukas.go("/devices");
            assertThat(lukas.awaitGridText("devices-grid", "vending-hq-01")).contains("sensor-warehouse-02");
            lukas.screenshot("devices-of-an-operator-in-berlin");
            lukas.go("/devices/vending-hq-01");
            assertThat(lukas.awaitText("HQ vending machine")).doesNotContain("There is no device");

            // Back to Seattle: the journeys share one application, and the others expect the demo as it was.
            admin.go("/devices").selectRow("devices-grid", "vending-hq-01").click("move-devices")
                    .pick("move-devices-organization", "Seattle").click("move-devices-confirm");
            admin.awaitNotification("1 device moved to Seattle.");
        }
    }
}
