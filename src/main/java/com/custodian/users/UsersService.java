package com.custodian.users;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Permission;

/**
 * The application's users and their role assignments.
 */
@Service
public class UsersService {

    /** The largest page a caller may ask for; the grid asks for far less. */
    public static final int MAX_PAGE_SIZE = 500;

    private final AppUserRepository users;
    private final DirectoryService directory;

    UsersService(AppUserRepository users, DirectoryService directory) {
        this.users = users;
        this.directory = directory;
    }

    /**
     * One page of users with their roles, and their email addresses and names resolved from the
     * directory. Costs two SQL statements and one directory request whatever the page size.
     *
     * @param pageable page number and size; sort properties are {@link UserSort} names
     */
    @PreAuthorize("hasRole('" + Permission.Names.MANAGE_USERS + "')")
    @Transactional(readOnly = true)
    public List<UserRow> listUsers(Pageable pageable) {
        List<AppUser> page = users.findAllBy(toEntityPage(pageable)).getContent();
        if (page.isEmpty()) {
            return List.of();
        }
        users.fetchRoles(page.stream().map(AppUser::getId).toList());
        DirectoryLookup lookup = directory.resolve(page.stream().map(AppUser::getObjectId).toList());
        List<UserRow> rows = new ArrayList<>(page.size());
        for (AppUser user : page) {
            DirectoryEntry entry = lookup.entry(user.getObjectId()).orElse(null);
            List<RoleSummary> roles = user.getRoles().stream().map(Role::toSummary)
                    .sorted(Comparator.comparing(RoleSummary::name)).toList();
            rows.add(new UserRow(user.getId(), user.getTenantId(), user.getObjectId(), user.getType(), roles,
                    user.getAddedAt(), user.getAddedBy(), user.getFirstSignInAt(), user.getLastSignInAt(),
                    lookup.status(user.getObjectId()),
                    entry == null ? null : entry.email(), entry == null ? null : entry.displayName()));
        }
        return rows;
    }

    private static Pageable toEntityPage(Pageable requested) {
        if (requested.getPageSize() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " users");
        }
        List<Sort.Order> orders = new ArrayList<>();
        for (Sort.Order order : requested.getSort()) {
            UserSort column;
            try {
                column = UserSort.valueOf(order.getProperty());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Users cannot be sorted by " + order.getProperty(), e);
            }
            orders.add(order.withProperty(column.property()));
        }
        // A stable order, so that pages neither repeat nor skip users.
        orders.add(Sort.Order.asc("addedAt"));
        orders.add(Sort.Order.asc("id"));
        return PageRequest.of(requested.getPageNumber(), requested.getPageSize(), Sort.by(orders));
    }
}
