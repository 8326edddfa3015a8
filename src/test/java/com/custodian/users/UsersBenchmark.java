package com.custodian.users;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.export.ExportFormat;
import com.custodian.testsupport.CountingOutputStream;
import com.custodian.testsupport.SignIn;

/**
 * Figures for the Users page with 100,000 users in MariaDB: time per grid page, export throughput
 * and heap, time to delete 100 users. Prints them; asserts nothing about time. Run with
 * {@code ./mvnw -Pbenchmark verify}.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersBenchmark {

    static final int USERS = 100_000;

    @Autowired
    ApplicationContext context;
    @Autowired
    UsersService users;
    @Autowired
    UserExportService exports;
    @Autowired
    JdbcTemplate jdbc;

    private ScaleUsers scale;

    @BeforeAll
    void insertUsers() {
        scale = new ScaleUsers(jdbc, USERS);
        long nanos = scale.insert();
        System.out.printf("BENCHMARK insert %,d users (multi-row SQL): %,d ms%n", USERS, nanos / 1_000_000);
    }

    @AfterAll
    void removeUsers() {
        scale.remove();
    }

    @Test
    void usersPage() {
        SignIn.as(context, SignIn.ADMIN);
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            users.listUsers(PageRequest.of(random.nextInt(USERS / 50), 50));
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int page = random.nextInt(USERS / 50);
            long started = System.nanoTime();
            users.listUsers(PageRequest.of(page, 50));
            times.add(System.nanoTime() - started);
        }
        Collections.sort(times);
        System.out.printf("BENCHMARK users grid page (50 rows, random offset in %,d users): median %.2f ms, "
                + "p95 %.2f ms, max %.2f ms%n", USERS, times.get(50) / 1e6, times.get(94) / 1e6, times.get(99) / 1e6);
    }

    @Test
    void exportAll() {
        SignIn.as(context, SignIn.ADMIN);
        exports.export(ExportFormat.CSV, scale.ids(0, 2000), OutputStream.nullOutputStream());
        for (ExportFormat format : ExportFormat.values()) {
            System.gc();
            var memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            CountingOutputStream out = new CountingOutputStream();
            long started = System.nanoTime();
            long written = exports.exportAll(format, out);
            long nanos = System.nanoTime() - started;
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("BENCHMARK export %s of %,d users: %,d ms, %,.0f users/s, %,d bytes; heap used before "
                    + "%,d KB, after %,d KB (no GC in between)%n", format, written, nanos / 1_000_000,
                    written / (nanos / 1e9), out.bytes(), heapBefore / 1024, heapAfter / 1024);
        }
    }

    @Test
    void deleteHundred() {
        SignIn.as(context, SignIn.ADMIN);
        long started = System.nanoTime();
        users.deleteUsers(scale.ids(50_000, 100), false);
        System.out.printf("BENCHMARK delete 100 of %,d users: %.1f ms%n", USERS, (System.nanoTime() - started) / 1e6);
    }
}
