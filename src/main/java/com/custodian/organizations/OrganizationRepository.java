package com.custodian.organizations;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    /** The whole tree, parents before children: at most a few hundred rows. */
    @Query("select o from Organization o order by o.depth, o.name")
    List<Organization> findTree();

    @Query("select o from Organization o where o.parentId is null")
    Organization findRoot();

    /** Serialises changes to the tree's shape (limits, moves) across instances: a row lock on the root. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Organization o where o.parentId is null")
    Organization lockRoot();

    long countByParentId(UUID parentId);

    /** The organization and everything below it: its path is a prefix of theirs. */
    @Query("select o from Organization o where o.path = :path or o.path like concat(:path, '/%')")
    List<Organization> findSubtree(String path);

    /** Moves a subtree: every path below the old prefix gets the new one, and its depth the difference. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Organization o set o.path = concat(:newPath, substring(o.path, length(:oldPath) + 1)), "
            + "o.depth = o.depth + :depthChange, o.version = o.version + 1 where o.path like concat(:oldPath, '/%')")
    int moveDescendants(String oldPath, String newPath, int depthChange);

    /** The organizations at or below any of the tops, on the path index: the reach of a grant. */
    @Query("select o.id from Organization o where exists (select s.id from Organization s where s.id in :tops "
            + "and (o.path = s.path or o.path like concat(s.path, '/%')))")
    List<UUID> findReach(java.util.Collection<UUID> tops);

    /** As {@link #findReach}, only those at or below {@code within} as well. */
    @Query("select o.id from Organization o where exists (select s.id from Organization s where s.id in :tops "
            + "and (o.path = s.path or o.path like concat(s.path, '/%'))) and exists (select f.id from Organization f "
            + "where f.id = :within and (o.path = f.path or o.path like concat(f.path, '/%')))")
    List<UUID> findReachWithin(java.util.Collection<UUID> tops, UUID within);

    @Query("select o.path from Organization o where o.id = :id")
    java.util.Optional<String> findPath(UUID id);
}
