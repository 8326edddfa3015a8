package com.custodian.alerts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AlertRuleRepository extends JpaRepository<AlertRule, Long> {

    boolean existsByNameIgnoreCase(String name);

    Optional<AlertRule> findByNameIgnoreCase(String name);

    @Query("select distinct r from AlertRule r left join fetch r.conditions where r.enabled = true")
    List<AlertRule> findEnabledWithConditions();

    @Query("select r.id from AlertRule r where r.id in :ids order by r.id")
    List<Long> findExistingIds(Collection<Long> ids);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from AlertRule r where r.id in :ids")
    int deleteByIds(Collection<Long> ids);

    /** How many rules each organization holds. */
    @Query("select r.organizationId, count(r) from AlertRule r group by r.organizationId")
    List<Object[]> countByOrganization();
}
