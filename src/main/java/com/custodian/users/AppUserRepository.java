package com.custodian.users;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

    /** Users after a given ID, in ID order: keyset pages for streaming exports. */
    @Query("select u from AppUser u where u.id > :after order by u.id")
    List<AppUser> findPageAfter(long after, Pageable limit);

    List<AppUser> findAllByIdInOrderById(Collection<Long> ids);

    @Query("select distinct u from AppUser u left join fetch u.assignments a left join fetch a.role r left join fetch r.permissions where u.id in :ids")
    List<AppUser> findWithRolesAndPermissions(Collection<Long> ids);

    /** How many people hold the role at the root (where App Administrator counts for the last-administrator guard). */
    @Query("select count(distinct u) from AppUser u join u.assignments a where a.role.id = :roleId "
            + "and a.organizationId = :organizationId and u.type = com.custodian.directory.DirectoryObjectType.PERSON")
    long countPersonHolders(UUID roleId, UUID organizationId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from AppUser u where u.id in :ids")
    int deleteByIds(Collection<Long> ids);

    @Query("select distinct u from AppUser u left join fetch u.assignments a left join fetch a.role where u.objectId in :objectIds order by u.id")
    List<AppUser> findWithRolesByObjectIds(Collection<UUID> objectIds);

    List<AppUser> findByTenantIdAndObjectIdIn(UUID tenantId, Collection<UUID> objectIds);

    long countByAddedByIn(Collection<UUID> objectIds);

    /** Forgets who added users, where that was one of these people. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update AppUser u set u.addedBy = null where u.addedBy in :objectIds")
    int forgetAddedBy(Collection<UUID> objectIds);

    /** The users with their roles, in one statement. */
    @Query("select distinct u from AppUser u left join fetch u.assignments a left join fetch a.role where u.id in :ids")
    List<AppUser> fetchRoles(Collection<Long> ids);

    @Query("select u from AppUser u left join fetch u.assignments a left join fetch a.role r left join fetch r.permissions "
            + "where u.tenantId = :tenantId and u.objectId = :objectId")
    Optional<AppUser> findWithPermissions(UUID tenantId, UUID objectId);

    /**
     * The identity's own user record and every assigned group of the tenant, with their roles and
     * permissions: all a sign-in needs, in one statement.
     */
    @Query("select distinct u from AppUser u left join fetch u.assignments a left join fetch a.role r left join fetch r.permissions "
            + "where u.tenantId = :tenantId and (u.objectId = :objectId "
            + "or u.type = com.custodian.directory.DirectoryObjectType.GROUP)")
    List<AppUser> findSelfAndGroups(UUID tenantId, UUID objectId);

    boolean existsByTenantIdAndObjectId(UUID tenantId, UUID objectId);

    @Query("select count(distinct u) from AppUser u join u.assignments a where a.role.id = :roleId")
    long countHolders(UUID roleId);

    /** How many users (of any kind) hold the role in the organization. */
    @Query("select count(distinct u) from AppUser u join u.assignments a where a.role.id = :roleId "
            + "and a.organizationId = :organizationId")
    long countHoldersIn(UUID roleId, UUID organizationId);

    @Modifying
    @Query("update AppUser u set u.firstSignInAt = coalesce(u.firstSignInAt, :at), u.lastSignInAt = :at "
            + "where u.id = :id")
    int recordSignIn(Long id, Instant at);

    /** How many role assignments each organization holds. */
    @Query("select a.organizationId, count(a.organizationId) from AppUser u join u.assignments a group by a.organizationId")
    List<Object[]> countAssignmentsByOrganization();
}
