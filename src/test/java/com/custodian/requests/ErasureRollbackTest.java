package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.PersonalData;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;

/**
 * A failure in the middle of an erasure rolls every feature's part back: a feature that fails
 * after the others erased (registered last, here only) leaves the user, the rule addresses and the
 * request as they were.
 */
@SpringBootTest
class ErasureRollbackTest {

    @TestConfiguration
    static class FailingFeature {
        @Bean
        @Order(Integer.MAX_VALUE)
        PersonalData failingAfterTheOthers() {
            return new PersonalData() {
                @Override
                public String category() {
                    return "failing";
                }

                @Override
                public Set<String> tables() {
                    return Set.of();
                }

                @Override
                public Holding find(DataSubject subject) {
                    return Holding.none("failing");
                }

                @Override
                public void export(DataSubject subject, ExportBundle bundle) {
                }

                @Override
                public Erased erase(DataSubject subject) {
                    throw new IllegalStateException("injected failure after the other features erased");
                }
            };
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    DataRequestsService requests;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DirectoryService directory;
    @Autowired
    List<PersonalData> features;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> addedUsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from data_request");
        jdbc.update("delete from alert_rule");
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
    }

    @Test
    void everythingStaysWhenAFeatureFailsMidway() {
        assertThat(features.getLast().category()).as("the failing feature runs after the real ones").isEqualTo("failing");
        UUID erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        long user = new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR);
        addedUsers.add(user);
        SignIn.as(context, SignIn.ADMIN);
        RuleForm rule = new RuleForm();
        rule.setName("Rollback rule");
        rule.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        rule.setRecipients("erin@contoso.test");
        rules.save(rule);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));

        assertThatThrownBy(() -> requests.erase(request.id(), request.version()))
                .hasMessageContaining("injected failure");

        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, user)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from role_assignment where user_id = ?", Integer.class, user))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("erin@contoso.test");
        RequestRow after = requests.request(request.id());
        assertThat(after.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(after.subject()).isEqualTo("erin@contoso.test");
        assertThat(after.receipt()).isNull();
    }
}
