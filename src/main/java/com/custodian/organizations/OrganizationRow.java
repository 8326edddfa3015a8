package com.custodian.organizations;

import java.util.UUID;

/**
 * An organization as pages show it.
 *
 * @param name null for the root, which pages name in the reader's language
 * @param depth 0 for the root, 1 for its children, and so on
 * @param version what a change must name, so that it does not overwrite a change made meanwhile
 */
public record OrganizationRow(UUID id, UUID parentId, String name, String description, int depth, long version) {

    public boolean isRoot() {
        return parentId == null;
    }
}
