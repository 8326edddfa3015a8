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
}
