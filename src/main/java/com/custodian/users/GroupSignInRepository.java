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


    /** The group's signed-in members, most recent first. */
    @Query("select s from GroupSignIn s where s.groupUserId = :groupUserId order by s.lastSignInAt desc, s.objectId")
    List<GroupSignIn> findByGroup(Long groupUserId, org.springframework.data.domain.Pageable limit);

    long countByGroupUserId(Long groupUserId);

    /**
     * Records a sign-in through the group: the first creates the record, later ones move its last
     * time. One statement, so that two sign-ins at once do not collide on the key.
     */
    @Modifying
    @Query(nativeQuery = true, value = "insert into group_sign_in (tenant_id, object_id, group_user_id, "
            + "first_sign_in_at, last_sign_in_at) values (:tenantId, :objectId, :groupUserId, :at, :at) "
            + "on duplicate key update last_sign_in_at = :at")
    int record(String tenantId, String objectId, long groupUserId, Instant at);

    /** Forgets the person's records of groups that no longer give them access. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.tenantId = :tenantId and s.objectId = :objectId "
            + "and s.groupUserId not in :kept")
    int forgetOthers(UUID tenantId, UUID objectId, Collection<Long> kept);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.tenantId = :tenantId and s.objectId = :objectId")
    int forget(UUID tenantId, UUID objectId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.tenantId = :tenantId and s.objectId in :objectIds")
    int forgetAll(UUID tenantId, Collection<UUID> objectIds);

    /** The next people (by object ID) with records of signing in through a group: keyset pages. */
    @Query("select distinct s.objectId from GroupSignIn s where s.tenantId = :tenantId and s.objectId > :after "
            + "order by s.objectId")
    List<UUID> findPeopleAfter(UUID tenantId, UUID after, org.springframework.data.domain.Pageable limit);

    /** Forgets the person's records of these groups. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from GroupSignIn s where s.tenantId = :tenantId and s.objectId = :objectId "
            + "and s.groupUserId in :groups")
    int forget(UUID tenantId, UUID objectId, Collection<Long> groups);
}
