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
     * @param page with sort properties already mapped to entity properties
     */
    List<Long> ids(UUID roleId, Collection<UUID> objectIds, Pageable page) {
        StringBuilder jpql = new StringBuilder("select u.id from AppUser u where 1 = 1");
        if (roleId != null) {
            jpql.append(" and exists (select r.id from u.roles r where r.id = :roleId)");
        }
        if (objectIds != null) {
            jpql.append(" and u.objectId in :objectIds");
        }
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
        if (roleId != null) {
            query.setParameter("roleId", roleId);
        }
        if (objectIds != null) {
            query.setParameter("objectIds", objectIds);
        }
        return query.getResultList();
    }

    /** How many users {@link #ids} pages through: one count on the indexes, whatever the depth. */
    long count(UUID roleId, Collection<UUID> objectIds) {
        StringBuilder jpql = new StringBuilder("select count(u.id) from AppUser u where 1 = 1");
        if (roleId != null) {
            jpql.append(" and exists (select r.id from u.roles r where r.id = :roleId)");
        }
        if (objectIds != null) {
            jpql.append(" and u.objectId in :objectIds");
        }
        TypedQuery<Long> query = entityManager.createQuery(jpql.toString(), Long.class);
        if (roleId != null) {
            query.setParameter("roleId", roleId);
        }
        if (objectIds != null) {
            query.setParameter("objectIds", objectIds);
        }
        return query.getSingleResult();
    }

    /** The users with their roles, in one statement. */
    List<AppUser> withRoles(Collection<Long> ids) {
        return entityManager.createQuery("select distinct u from AppUser u left join fetch u.roles where u.id in :ids",
                AppUser.class).setParameter("ids", ids).getResultList();
    }
}
