package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.directory.DirectoryObjectType;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;

/**
 * What one page of the Users grid costs: at most two SQL statements and exactly one directory
 * request, whatever the page size.
 */
@SpringBootTest
class UsersPageCostTest {

    private static final int EXTRA_USERS = 300;

    @Autowired
    UsersService service;
    @Autowired
    AppUserRepository users;
    @Autowired
    RoleRepository roles;
    @Autowired
    DirectoryService directory;
    @Autowired
    ApplicationContext context;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    MeterRegistry meters;

    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void addUsers() {
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < EXTRA_USERS; i++) {
                AppUser user = new AppUser(new Identity(directory.tenantId(), UUID.randomUUID()),
                        i % 10 == 0 ? DirectoryObjectType.SERVICE_PRINCIPAL : DirectoryObjectType.PERSON,
                        Instant.now(), null);
                user.getAssignments().add(new RoleAssignment(roles.getReferenceById(BuiltInRole.APP_OPERATOR.id()), com.custodian.security.Scope.ROOT));
                if (i % 3 == 0) {
                    user.getAssignments().add(new RoleAssignment(roles.getReferenceById(BuiltInRole.APP_BUILDER.id()), com.custodian.security.Scope.ROOT));
                }
                created.add(users.save(user).getId());
            }
        });
        SignIn.as(context, SignIn.ADMIN);
    }

    @AfterEach
    void removeUsers() {
        SignIn.out();
        users.deleteAllById(created);
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 10, 50, 150})
    void aPageCostsAtMostTwoStatementsAndOneDirectoryRequest(int pageSize) {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        double directoryRequestsBefore = directoryRequests();

        List<UserRow> page = service.listUsers(PageRequest.of(1, pageSize, Sort.by(Sort.Order.desc("TYPE"))));

        assertThat(page).hasSize(pageSize);
        assertThat(page).allSatisfy(row -> assertThat(row.roles()).isNotEmpty());
        assertThat(statistics.isStatisticsEnabled()).as("Hibernate statistics are on").isTrue();
        assertThat(statistics.getPrepareStatementCount()).as("SQL statements").isBetween(1L, 2L);
        assertThat(directoryRequests() - directoryRequestsBefore).as("directory requests").isEqualTo(1);
    }

    private double directoryRequests() {
        return meters.find("custodian.directory.requests").tag("operation", "resolve").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
