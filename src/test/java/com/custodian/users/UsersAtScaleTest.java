package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.export.ExportFormat;
import com.custodian.testsupport.SignIn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;

/**
 * With 100,000 users in MariaDB: a grid page deep in the list costs at most two statements and one
 * directory request, a deletion costs the same number of statements for ten users as for a
 * thousand, and an export costs statements in proportion to its pages.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersAtScaleTest {

    static final int USERS = 100_000;

    @Autowired
    ApplicationContext context;
    @Autowired
    UsersService users;
    @Autowired
    UserExportService exports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    MeterRegistry meters;

    private ScaleUsers scale;
    private Statistics statistics;

    @BeforeAll
    void insertUsers() {
        scale = new ScaleUsers(jdbc, USERS);
        long nanos = scale.insert();
        System.out.printf("UsersAtScaleTest: inserted %,d users in %,d ms%n", USERS, nanos / 1_000_000);
        statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
    }

    @AfterAll
    void removeUsers() {
        scale.remove();
    }

    @BeforeEach
    void signIn() {
        SignIn.as(context, SignIn.ADMIN);
    }

    @Test
    void aPageDeepInTheListCostsTwoStatementsAndOneDirectoryRequest() {
        for (int page : List.of(0, 999, 1999)) {
            statistics.clear();
            double before = directoryRequests();
            List<UserRow> rows = users.listUsers(PageRequest.of(page, 50, Sort.by(Sort.Order.desc("TYPE"))));
            assertThat(rows).hasSize(50);
            assertThat(statistics.getPrepareStatementCount()).as("statements for page %d", page).isBetween(1L, 2L);
            assertThat(directoryRequests() - before).as("directory requests for page %d", page).isEqualTo(1);
        }
    }

    @Test
    void filteringByRoleStaysAtTwoStatements() {
        statistics.clear();
        List<UserRow> rows = users.listUsers(new UserQuery(null, BuiltInRole.APP_BUILDER.id()), PageRequest.of(300, 50));
        assertThat(rows).hasSize(50).allSatisfy(row -> assertThat(row.hasRole(BuiltInRole.APP_BUILDER.id())).isTrue());
        assertThat(statistics.getPrepareStatementCount()).isBetween(1L, 2L);
    }

    @Test
    void deletingTenOrAThousandUsersCostsTheSameStatements() {
        statistics.clear();
        assertThat(users.deleteUsers(scale.ids(90_000, 10), false)).isEqualTo(10);
        long forTen = statistics.getPrepareStatementCount();
        statistics.clear();
        assertThat(users.deleteUsers(scale.ids(91_000, 1000), false)).isEqualTo(1000);
        long forThousand = statistics.getPrepareStatementCount();
        assertThat(forThousand).as("statements for 1,000 users (10 took %d)", forTen).isEqualTo(forTen);
    }

    @Test
    void exportingAllUsersCostsStatementsPerPage() {
        long stored = jdbc.queryForObject("select count(*) from app_user", Long.class);
        statistics.clear();
        long written = exports.exportAll(ExportFormat.CSV, OutputStream.nullOutputStream());
        long pages = stored / UserExportService.PAGE + 1;
        assertThat(written).isEqualTo(stored);
        assertThat(statistics.getPrepareStatementCount()).as("statements for %,d users", stored)
                .isLessThanOrEqualTo(2 * pages + 1); // and the organizations' names, once
    }

    private double directoryRequests() {
        return meters.find("custodian.directory.requests").tag("operation", "resolve").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
