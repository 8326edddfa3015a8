package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The default run's embedded H2 database (in MariaDB mode) takes the same changelog, passes
 * Hibernate's schema validation, and gets the demo users.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:default-run;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa", "spring.datasource.password=" })
class H2DefaultRunTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void changelogRunsOnH2AndTheDemoUsersAreThere() {
        assertThat(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()))
                .isEqualTo("H2");
        assertThat(jdbc.queryForObject("select count(*) from app_role where built_in", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from app_user", Integer.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(*) from role_assignment", Integer.class)).isEqualTo(6);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void theAlertRecipientsPageQueriesRunOnH2() {
        com.custodian.testsupport.BenchmarkData.insertRules(jdbc, 90_000_000L, 2, "H2 rule ", "erin@contoso.test",
                "frank@contoso.test");
        try {
            com.custodian.testsupport.SignIn.as(context, com.custodian.testsupport.SignIn.ADMIN);
            var rules = context.getBean(com.custodian.alerts.AlertRulesService.class);
            assertThat(rules.countRecipients("")).isGreaterThanOrEqualTo(2);
            assertThat(rules.recipients("frank", 0, 50)).singleElement().satisfies(row -> {
                assertThat(row.email()).isEqualTo("frank@contoso.test");
                assertThat(row.rules()).containsExactly("H2 rule 0", "H2 rule 1");
            });
            assertThat(rules.countRecipients("H2 rule 1")).isEqualTo(2);
        } finally {
            jdbc.update("delete from alert_rule where id >= 90000000");
            com.custodian.testsupport.SignIn.out();
        }
    }
}
