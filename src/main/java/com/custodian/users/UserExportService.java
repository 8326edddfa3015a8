package com.custodian.users;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.export.TableWriter;
import com.custodian.security.Permission;

import jakarta.persistence.EntityManager;

/**
 * Exports application users — the seed's "selected, copied, and pasted", and more: CSV and JSON
 * downloads and tab-separated text for the clipboard. Emails and names are resolved at export time.
 * The export streams in pages, each in a short read-only transaction, so its memory does not grow
 * with the number of users and it costs a number of statements proportional to the pages.
 */
@Service
public class UserExportService {

    /** Users per page of an export: two statements and one directory request each. */
    static final int PAGE = 500;

    public static final List<String> COLUMNS = List.of("objectId", "tenantId", "type", "email", "name",
            "directoryStatus", "roles", "addedAt", "addedBy", "firstSignInAt", "lastSignInAt");

    private final AppUserRepository users;
    private final UserRows userRows;
    private final TransactionTemplate readOnly;
    private final EntityManager entityManager;
    private final com.custodian.organizations.OrganizationsService organizations;

    UserExportService(AppUserRepository users, UserRows userRows, TransactionTemplate transactions,
            EntityManager entityManager, com.custodian.organizations.OrganizationsService organizations) {
        this.organizations = organizations;
        this.users = users;
        this.userRows = userRows;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.entityManager = entityManager;
    }

    /**
     * Writes the given users to the stream (none for an empty selection).
     *
     * @return how many users were written
     */
    @PreAuthorize("hasRole('" + Permission.Names.MANAGE_USERS + "')")
    public long export(ExportFormat format, Collection<Long> userIds, OutputStream out) {
        try (TableWriter writer = TableWriter.open(format, COLUMNS, out)) {
            return userIds.isEmpty() ? 0 : write(userIds, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every user to the stream, a page at a time. */
    @PreAuthorize("hasRole('" + Permission.Names.MANAGE_USERS + "')")
    public long exportAll(ExportFormat format, OutputStream out) {
        try (TableWriter writer = TableWriter.open(format, COLUMNS, out)) {
            return write(List.of(), writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The users as tab-separated text with a header line, for the clipboard. */
    @PreAuthorize("hasRole('" + Permission.Names.MANAGE_USERS + "')")
    public String copyText(Collection<Long> userIds) {
        StringWriter text = new StringWriter();
        try (TableWriter writer = TableWriter.tabSeparated(COLUMNS, text)) {
            if (!userIds.isEmpty()) {
                write(userIds, writer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The selected users, or all of them for an empty selection: only those holding a role where
     * the caller manages users, with only those roles (as the Users page shows them).
     */
    private long write(Collection<Long> userIds, TableWriter writer) {
        com.custodian.organizations.Reach reach = organizations.reach(Permission.MANAGE_USERS);
        java.util.Set<java.util.UUID> shown = reach.everywhere() ? null : reach.organizations();
        Map<java.util.UUID, String> names = new java.util.HashMap<>();
        organizations.tree().forEach(organization -> names.put(organization.id(), organization.name()));
        Function<UserRow, List<Object>> cells = row -> cells(row, names);
        long written = 0;
        if (!userIds.isEmpty()) {
            List<Long> selected = new ArrayList<>(new TreeSet<>(userIds));
            for (int from = 0; from < selected.size(); from += PAGE) {
                List<Long> chunk = selected.subList(from, Math.min(from + PAGE, selected.size()));
                written += write(page(() -> users.findAllByIdInOrderById(chunk), shown), writer, shown, cells);
            }
            return written;
        }
        long after = 0;
        while (true) {
            long from = after;
            List<UserRow> rows = page(() -> users.findPageAfter(from, PageRequest.ofSize(PAGE)), shown);
            if (rows.isEmpty()) {
                return written;
            }
            written += write(rows, writer, shown, cells);
            if (rows.size() < PAGE) {
                return written;
            }
            after = rows.getLast().id();
        }
    }

    /** Writes the rows the caller sees (all, or with a role in {@code shown}); returns how many. */
    private static long write(List<UserRow> rows, TableWriter writer, java.util.Set<java.util.UUID> shown,
            Function<UserRow, List<Object>> cells) {
        long written = 0;
        for (UserRow row : rows) {
            if (shown == null || !row.assignments().isEmpty()) {
                writer.row(cells.apply(row));
                written++;
            }
        }
        return written;
    }

    /**
     * One page in its own read-only transaction; the entities are let go before the next page. Its
     * rows show only the assignments of {@code shown} (all when null).
     */
    private List<UserRow> page(Supplier<List<AppUser>> query, java.util.Set<java.util.UUID> shown) {
        return readOnly.execute(status -> {
            List<UserRow> rows = userRows.of(query.get(), shown);
            entityManager.clear();
            return rows;
        });
    }

    /** @param organizationNames by ID; the root's is null (a role there is named alone) */
    private static List<Object> cells(UserRow row, Map<java.util.UUID, String> organizationNames) {
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(row.objectId().toString());
        cells.add(row.tenantId().toString());
        cells.add(row.type().name());
        cells.add(row.email());
        cells.add(row.displayName());
        cells.add(row.directoryStatus().name());
        // A role given below the root says where: "App Operator in Berlin".
        cells.add(row.assignments().stream().map(assignment -> {
            String organization = organizationNames.get(assignment.organizationId());
            return organization == null ? assignment.role().name() : assignment.role().name() + " in " + organization;
        }).toList());
        cells.add(row.addedAt() == null ? null : row.addedAt().toString());
        cells.add(row.addedBy() == null ? null : row.addedBy().toString());
        cells.add(row.firstSignInAt() == null ? null : row.firstSignInAt().toString());
        cells.add(row.lastSignInAt() == null ? null : row.lastSignInAt().toString());
        return cells;
    }
}
