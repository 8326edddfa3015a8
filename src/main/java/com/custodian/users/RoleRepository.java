package com.custodian.users;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface RoleRepository extends JpaRepository<Role, UUID> {

    /**
     * The role, locked until the transaction ends. Every change that can take away an App
     * Administrator locks that role first, so two such changes never both see "another
     * administrator remains" and both commit.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Role r where r.id = :id")
    Optional<Role> lock(UUID id);

    @Query("select distinct r from Role r left join fetch r.permissions where r.id in :ids")
    List<Role> findWithPermissions(Collection<UUID> ids);

    @Query("select distinct r from Role r left join fetch r.permissions order by r.builtIn desc, r.name")
    List<Role> findAllWithPermissions();

    /** Role ID and the number of users holding it, for every role held by anyone. */
    @Query("select a.role.id, count(distinct u) from AppUser u join u.assignments a group by a.role.id")
    List<Object[]> countHoldersByRole();

    boolean existsByNameIgnoreCase(String name);

    boolean existsByNameIgnoreCaseAndIdNot(String name, UUID id);
}
