package com.custodian.alerts;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Text;
import com.custodian.organizations.OrganizationHoldings;

/** The alert rules each organization holds: an organization with rules cannot be deleted. */
@Component
class AlertRuleHoldings implements OrganizationHoldings {

    private final AlertRuleRepository rules;

    AlertRuleHoldings(AlertRuleRepository rules) {
        this.rules = rules;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Long> countByOrganization() {
        return OrganizationHoldings.counts(rules.countByOrganization());
    }

    @Override
    public Text describe(long count) {
        return Text.of("organizations.holding.alert-rules", count);
    }
}
