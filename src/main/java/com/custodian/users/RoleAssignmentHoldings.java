package com.custodian.users;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Text;
import com.custodian.organizations.OrganizationHoldings;

/**
 * The role assignments each organization holds: an organization where someone holds a role cannot
 * be deleted (their roles would silently go with it).
 */
@Component
class RoleAssignmentHoldings implements OrganizationHoldings {

    private final AppUserRepository users;

    RoleAssignmentHoldings(AppUserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Long> countByOrganization() {
        return OrganizationHoldings.counts(users.countAssignmentsByOrganization());
    }

    @Override
    public Text describe(long count) {
        return Text.of("organizations.holding.role-assignments", count);
    }
}
