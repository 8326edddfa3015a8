package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.base.i18n.Translations;
import com.custodian.testsupport.SignIn;

/**
 * A person's mail and user principal name differ (Frank: frank@contoso.test and
 * frank.osei@contoso.onmicrosoft.test), and each stands on a different rule. Whichever of the two a
 * request names, discovery finds both, the export carries both, and erasure removes both, counted
 * in the receipt.
 */
@SpringBootTest
class BothAddressesTest {

    static final String MAIL = "frank@contoso.test";
    static final String UPN = "frank.osei@contoso.onmicrosoft.test";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DataRequestsService requests;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        jdbc.update("delete from alert_rule where name like 'Both addresses %'");
        SignIn.out();
    }

    @Test
    void discoveryAndErasureCoverTheMailAndTheUserPrincipalName() {
        SignIn.as(context, SignIn.ADMIN);
        rule("Both addresses by mail", MAIL + ", operator@contoso.test");
        rule("Both addresses by UPN", UPN + ", operator@contoso.test");

        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, UPN, LocalDate.now(ZoneOffset.UTC),
                "", ""));
        Discovery found = requests.discover(request.id());
        List<String> identifiers = found.identifiers().stream().map(Translations::english).toList();
        assertThat(identifiers).contains("email address " + MAIL, "email address " + UPN);
        List<String> details = new ArrayList<>();
        found.holdings().forEach(holding -> holding.details().forEach(line -> details.add(Translations.english(line))));
        assertThat(details).anySatisfy(line -> assertThat(line).contains(MAIL, "Both addresses by mail"))
                .anySatisfy(line -> assertThat(line).contains(UPN, "Both addresses by UPN"));

        RequestRow erased = requests.erase(request.id(), request.version());
        assertThat(erased.receipt()).contains("\"alertRuleAddressesRemoved\" : 2", "\"alertRulesAddressRemovedFrom\" : 2");
        assertThat(jdbc.queryForList("select email from alert_recipient a join alert_rule r on r.id = a.rule_id "
                + "where r.name like 'Both addresses %'", String.class)).containsOnly("operator@contoso.test");
    }

    private void rule(String name, String recipients) {
        RuleForm rule = new RuleForm();
        rule.setName(name);
        rule.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        rule.setRecipients(recipients);
        rules.save(rule);
    }
}
