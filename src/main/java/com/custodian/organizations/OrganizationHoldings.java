package com.custodian.organizations;

import java.util.Map;
import java.util.UUID;

import com.custodian.base.i18n.Text;

/**
 * What another feature keeps in organizations (devices, alert rules, role assignments).
 * An organization holding anything cannot be deleted; the refusal names the counts.
 */
public interface OrganizationHoldings {

    /** How many of the feature's things each organization holds, in one statement; absent means none. */
    Map<UUID, Long> countByOrganization();

    /** The counts of a {@code select organization, count(...) ... group by organization} query. */
    static Map<UUID, Long> counts(java.util.List<Object[]> rows) {
        Map<UUID, Long> counts = new java.util.HashMap<>();
        rows.forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    /** One line naming the count, in the reader's language (for example "3 devices"). */
    Text describe(long count);
}
