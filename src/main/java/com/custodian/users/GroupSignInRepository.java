package com.custodian.users;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface GroupSignInRepository extends JpaRepository<GroupSignIn, GroupSignIn.Key> {

    List<GroupSignIn> findByTenantIdAndObjectId(UUID tenantId, UUID objectId);

    List<GroupSignIn> findByTenantIdAndObjectIdIn(UUID tenantId, Collection<UUID> objectIds);

    List<GroupSignIn> findByObjectIdIn(Collection<UUID> objectIds);

    /** The group's signed-in members, most recent first. */
    @Query("select s from GroupSignIn s where s.groupUserId = :groupUserId order by s.lastSignInAt desc, s.objectId")
    List<GroupSignIn> findByGroup(Long groupUserId, org.springframework.data.domain.Pageable limit);

    long countByGroupUserId(Long groupUserId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update GroupSignIn s set s.lastSignInAt = :at where s.tenantId = :tenantId and s.objectId = :objectId "
            + "and s.groupUserId in :groups")
    int recordSignIn(UUID tenantId, UUID objectId, Collection<Long> groups, Instant at);

    /** Forgets the person's records of groups that no longer give them access. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.tenantId = :tenantId and s.objectId = :objectId "
            + "and s.groupUserId not in :kept")
    int forgetOthers(UUID tenantId, UUID objectId, Collection<Long> kept);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.tenantId = :tenantId and s.objectId = :objectId")
    int forget(UUID tenantId, UUID objectId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.objectId in :objectIds")
    int forgetAll(Collection<UUID> objectIds);
}
