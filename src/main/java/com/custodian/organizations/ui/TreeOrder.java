package com.custodian.organizations.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.custodian.organizations.OrganizationRow;

/** The tree's rows in reading order (each organization followed by those below it), for pickers. */
public final class TreeOrder {

    private TreeOrder() {
    }

    public static List<OrganizationRow> of(List<OrganizationRow> tree) {
        Map<UUID, List<OrganizationRow>> children = new HashMap<>();
        OrganizationRow root = null;
        for (OrganizationRow row : tree) {
            if (row.isRoot()) {
                root = row;
            } else {
                children.computeIfAbsent(row.parentId(), id -> new ArrayList<>()).add(row);
            }
        }
        List<OrganizationRow> ordered = new ArrayList<>();
        if (root != null) {
            visit(root, children, ordered);
        }
        return ordered;
    }

    private static void visit(OrganizationRow row, Map<UUID, List<OrganizationRow>> children, List<OrganizationRow> into) {
        into.add(row);
        children.getOrDefault(row.id(), List.of()).stream()
                .sorted(Comparator.comparing(OrganizationRow::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(child -> visit(child, children, into));
    }

    /** Whether the row is the organization itself or below it. */
    static boolean isWithin(OrganizationRow row, OrganizationRow organization, List<OrganizationRow> tree) {
        Map<UUID, OrganizationRow> byId = new HashMap<>();
        tree.forEach(each -> byId.put(each.id(), each));
        for (OrganizationRow at = row; at != null; at = at.parentId() == null ? null : byId.get(at.parentId())) {
            if (at.id().equals(organization.id())) {
                return true;
            }
        }
        return false;
    }
}
