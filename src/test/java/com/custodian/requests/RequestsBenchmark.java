package com.custodian.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TemplateSummary;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.BenchmarkData;
import com.custodian.testsupport.CountingOutputStream;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;

/**
 * Figures for customer data requests, printed: erasing a person who is a user on 50 alert rules,
 * and a device with 100,000 telemetry points — time and statements (counted by the MariaDB
 * server) — and export throughput of that device's request.
 */
@SpringBootTest
class RequestsBenchmark {

    static final int RULES = 50;
    static final int POINTS = 100_000;

    @Autowired
    ApplicationContext context;
    @Autowired
    DataRequestsService requests;
    @Autowired
    DevicesService devices;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void erasureAndExport() throws Exception {
        UUID erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR, BuiltInRole.APP_BUILDER);
        BenchmarkData.insertRules(jdbc, 2_000_000L, RULES, "Benchmark rule ", "erin@contoso.test",
                "operator@contoso.test");
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Requests benchmark " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        NewDevice car = devices.createDevice("bench-car-" + UUID.randomUUID(), "Requests benchmark", template.id());
        List<Object[]> points = new ArrayList<>();
        LocalDateTime start = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(5)), ZoneOffset.UTC);
        for (int i = 0; i < POINTS; i++) {
            points.add(new Object[] {car.device().id(), "temperature", start.plusSeconds(i), 20.0 + i % 10});
        }
        jdbc.batchUpdate("insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)", points);
        try {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            RequestRow person = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test", today, "", ""));
            RequestRow device = requests.open(new NewRequest(RequestType.ERASURE, car.device().deviceId(), today, "", ""));

            long exportStarted = System.nanoTime();
            CountingOutputStream exported = new CountingOutputStream();
            requests.export(device.id(), exported);
            double exportSeconds = (System.nanoTime() - exportStarted) / 1e9;

            // Counted on the erasure's own connection: the recurring jobs' statements meanwhile are not its.
            long personVersion = requests.request(person.id()).version();
            long started = System.nanoTime();
            long personStatements = BenchmarkData.statementsOf(transactions, jdbc,
                    () -> requests.erase(person.id(), personVersion));
            double personMs = (System.nanoTime() - started) / 1e6;

            long deviceVersion = requests.request(device.id()).version();
            started = System.nanoTime();
            long deviceStatements = BenchmarkData.statementsOf(transactions, jdbc,
                    () -> requests.erase(device.id(), deviceVersion));
            double deviceMs = (System.nanoTime() - started) / 1e6;

            System.out.printf("BENCHMARK erase a person who is a user with 2 roles and on %d alert rules: %.0f ms, %d "
                    + "statements%n", RULES, personMs, personStatements);
            System.out.printf("BENCHMARK erase a device with %,d telemetry points: %.0f ms, %d statements%n", POINTS,
                    deviceMs, deviceStatements);
            System.out.printf("BENCHMARK export that device's request (%,d points, ZIP %,d bytes): %.2f s = %,.0f "
                    + "points/s%n", POINTS, exported.bytes(), exportSeconds, POINTS / exportSeconds);
        } finally {
            jdbc.update("delete from data_request");
            jdbc.update("delete from alert_rule where name like 'Benchmark rule %'");
            jdbc.update("delete from app_user where object_id = ?", erin.toString());
            jdbc.update("delete from device where display_name = 'Requests benchmark'");
            jdbc.update("delete from device_template where name like 'Requests benchmark %'");
        }
    }
}
