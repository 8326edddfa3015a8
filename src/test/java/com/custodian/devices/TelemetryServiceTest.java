package com.custodian.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.SignIn;

/** Raw telemetry pages, and how long telemetry is kept. */
@SpringBootTest
class TelemetryServiceTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryStore telemetry;
    @Autowired
    TelemetryRetention retention;
    @Autowired
    JdbcTemplate jdbc;

    private NewDevice device;

    @BeforeEach
    void device() {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Service test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        device = devices.createDevice("service-" + UUID.randomUUID(), "Service test", template.id());
        SignIn.out();
    }

    @AfterEach
    void cleanUp() {
        SignIn.as(context, SignIn.ADMIN);
        devices.deleteDevices(List.of(device.device().id()));
        jdbc.update("delete from device_template where name like 'Service test %'");
        SignIn.out();
    }

    @Test
    void aPageOpenedAtATimeDoesNotShiftWhenNewValuesArrive() {
        Instant opened = Instant.now();
        telemetry.insert(device.device().id(), List.of(
                new TelemetryPoint("temperature", opened.minusSeconds(20), 1.0, null),
                new TelemetryPoint("temperature", opened.minusSeconds(10), 2.0, null)));
        SignIn.as(context, SignIn.OPERATOR);
        List<TelemetryPoint> before = devices.telemetryPage(device.device().id(), opened, 0, 10);
        telemetry.insert(device.device().id(), List.of(new TelemetryPoint("temperature", opened.plusSeconds(5), 3.0, null)));
        List<TelemetryPoint> after = devices.telemetryPage(device.device().id(), opened, 0, 10);
        assertThat(after).extracting(TelemetryPoint::number).containsExactly(2.0, 1.0).isEqualTo(
                before.stream().map(TelemetryPoint::number).toList());
        SignIn.out();
    }

    @Test
    void retentionDeletesOnlyWhatIsOlderThanThePeriod() {
        Instant now = Instant.now();
        telemetry.insert(device.device().id(), List.of(
                new TelemetryPoint("temperature", now.minus(Duration.ofDays(45)), 1.0, null),
                new TelemetryPoint("temperature", now.minus(Duration.ofDays(31)), 2.0, null),
                new TelemetryPoint("temperature", now.minus(Duration.ofDays(29)), 3.0, null),
                new TelemetryPoint("temperature", now, 4.0, null)));
        retention.purge();
        assertThat(jdbc.queryForList("select num_value from telemetry where device_ref = ? order by ts", Double.class,
                device.device().id())).containsExactly(3.0, 4.0);
    }
}
