package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TemplateSummary;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.BenchmarkData;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;

/**
 * What an erasure costs in statements, counted by MariaDB on the erasure's own connection: the same
 * for a person on 2 alert rules as on 50, and for a device with 10 telemetry values as with 5,000.
 */
@SpringBootTest
class ErasureStatementsTest {

    /** Erasing a person who is a user with 2 roles and on alert rules. */
    private static final long PERSON = 34;
    /** Erasing a device with its telemetry. */
    private static final long DEVICE = 16;

    private final ApplicationContext context;
    private final DataRequestsService requests;
    private final DevicesService devices;
    private final DirectoryService directory;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;

    @Autowired
    ErasureStatementsTest(ApplicationContext context, PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.context = context;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.requests = context.getBean(DataRequestsService.class);
        this.devices = context.getBean(DevicesService.class);
        this.directory = context.getBean(DirectoryService.class);
    }

    private UUID erin;

    @BeforeEach
    void signIn() {
        erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        SignIn.as(context, SignIn.ADMIN);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from data_request");
        jdbc.update("delete from alert_rule where name like 'Erasure statements %'");
        jdbc.update("delete from app_user where object_id = ?", erin.toString());
        jdbc.update("delete from device where display_name = 'Erasure statements'");
        jdbc.update("delete from device_template where name like 'Erasure statements %'");
    }

    @Test
    void erasingAPersonCostsAsManyStatementsOnFiftyRulesAsOnTwo() {
        long onTwo = erasePersonOn(2, 3_100_000L);
        long onFifty = erasePersonOn(50, 3_200_000L);
        assertThat(onFifty).as("statements do not grow with the rules").isEqualTo(onTwo).isEqualTo(PERSON);
    }

    @Test
    void erasingADeviceCostsAsManyStatementsWithFiveThousandValuesAsWithTen() {
        TemplateSummary template = devices.createTemplate("Erasure statements " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        long withTen = eraseDeviceWith(template, 10);
        long withFiveThousand = eraseDeviceWith(template, 5_000);
        assertThat(withFiveThousand).as("statements do not grow with the values").isEqualTo(withTen)
                .isEqualTo(DEVICE);
    }

    private long erasePersonOn(int rules, long firstRuleId) {
        new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR,
                BuiltInRole.APP_BUILDER);
        BenchmarkData.insertRules(jdbc, firstRuleId, rules, "Erasure statements " + firstRuleId + " ",
                "erin@contoso.test", "operator@contoso.test");
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        long version = requests.request(request.id()).version();
        // Counted whole because the erasure flushes before it returns: nothing is left to the commit.
        long statements = BenchmarkData.statementsOf(transactions, jdbc, () -> requests.erase(request.id(), version));
        assertThat(requests.request(request.id()).status()).isEqualTo(RequestStatus.COMPLETED);
        assertKindsHaveWords(request.id());
        assertThat(jdbc.queryForObject("select count(*) from alert_recipient where email = 'erin@contoso.test'",
                Integer.class)).isZero();
        return statements;
    }

    private long eraseDeviceWith(TemplateSummary template, int values) {
        NewDevice device = devices.createDevice("erasure-statements-" + UUID.randomUUID(), "Erasure statements",
                template.id());
        List<Object[]> points = new ArrayList<>();
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).minusDays(2);
        for (int i = 0; i < values; i++) {
            points.add(new Object[] {device.device().id(), "temperature", start.plusSeconds(i), 20.0 + i % 10});
        }
        jdbc.batchUpdate("insert into telemetry (device_ref, field, ts, num_value) values (?, ?, ?, ?)", points);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, device.device().deviceId(),
                LocalDate.now(ZoneOffset.UTC), "", ""));
        long version = requests.request(request.id()).version();
        long statements = BenchmarkData.statementsOf(transactions, jdbc, () -> requests.erase(request.id(), version));
        assertThat(jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Integer.class,
                device.device().id())).isZero();
        assertKindsHaveWords(request.id());
        return statements;
    }

    /** Every kind of record the receipt counts is one the request's page puts into words. */
    private void assertKindsHaveWords(long request) {
        ErasureReceipt.of(requests.request(request).receipt()).erased().values()
                .forEach(counts -> assertThat(ErasureReceipt.KINDS).containsAll(counts.keySet()));
    }
}
