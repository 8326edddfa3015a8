package com.custodian.users;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The two statements of a Users page, written with the entity manager: the page's IDs, read from
 * the sorted index without the rows it skips, then those users with their roles. (Spring Data
 * re-parses a query on every call to add a sort; at tens of milliseconds a page, that cost more
 * than both statements together.)
 */
@Component
class UserPages {

    private final EntityManager entityManager;

    UserPages(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * @param objectIds null for any user; otherwise only users with one of these object IDs
     * @param organizations null for users of any organization; otherwise only users holding a role
     *        (the role, if given) in one of these
     * @param page with sort properties already mapped to entity properties
     */
    List<Long> ids(UUID roleId, Collection<UUID> objectIds, Collection<UUID> organizations, Pageable page) {
        StringBuilder jpql = new StringBuilder("select u.id from AppUser u where 1 = 1");
        conditions(jpql, roleId, objectIds, organizations);
        jpql.append(" order by ");
        boolean first = true;
        for (Sort.Order order : page.getSort()) {
            jpql.append(first ? "" : ", ").append("u.").append(order.getProperty())
                    .append(order.isAscending() ? " asc" : " desc");
            first = false;
        }
        TypedQuery<Long> query = entityManager.createQuery(jpql.toString(), Long.class)
                .setFirstResult((int) page.getOffset())
                .setMaxResults(page.getPageSize());
        bind(query, roleId, objectIds, organizations);
        return query.getResultList();
    }

    /** How many users {@link #ids} pages through: one count on the indexes, whatever the depth. */
    long count(UUID roleId, Collection<UUID> objectIds, Collection<UUID> organizations) {
        StringBuilder jpql = new StringBuilder("select count(u.id) from AppUser u where 1 = 1");
        conditions(jpql, roleId, objectIds, organizations);
        TypedQuery<Long> query = entityManager.createQuery(jpql.toString(), Long.class);
        bind(query, roleId, objectIds, organizations);
        return query.getSingleResult();
    }

    private static void conditions(StringBuilder jpql, UUID roleId, Collection<UUID> objectIds,
            Collection<UUID> organizations) {
        if (roleId != null || organizations != null) {
            jpql.append(" and exists (select a.organizationId from u.assignments a where 1 = 1");
            if (roleId != null) {
                jpql.append(" and a.role.id = :roleId");
            }
            if (organizations != null) {
                jpql.append(" and a.organizationId in :organizations");
            }
            jpql.append(")");
        }
        if (objectIds != null) {
            jpql.append(" and u.objectId in :objectIds");
        }
    }

    private static void bind(jakarta.persistence.Query query, UUID roleId, Collection<UUID> objectIds,
            Collection<UUID> organizations) {
        if (roleId != null) {
            query.setParameter("roleId", roleId);
        }
        if (objectIds != null) {
            query.setParameter("objectIds", objectIds);
        }
        if (organizations != null) {
            query.setParameter("organizations", organizations.isEmpty() ? List.of(new UUID(0, 0)) : organizations);
        }
    }

    /** The users with their roles, in one statement. */
    List<AppUser> withRoles(Collection<Long> ids) {
        return entityManager.createQuery("select distinct u from AppUser u left join fetch u.assignments a left join fetch a.role where u.id in :ids",
                AppUser.class).setParameter("ids", ids).getResultList();
    }
}
