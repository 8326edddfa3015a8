package com.custodian.organizations;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One organization of the tree. The root stands for the application: it has no parent and no name
 * of its own (each reader sees it named in their language).
 */
@Entity
@Table(name = "organization")
class Organization {

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "id", nullable = false, length = 36)
    private UUID id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "parent_id", length = 36)
    private UUID parentId;

    @Column(name = "name", length = 100)
    private String name;

    @Column(name = "description", length = 500)
    private String description;

    /** The IDs from the root down to this organization, each after a slash. */
    @Column(name = "path", nullable = false, length = 255)
    private String path;

    @Column(name = "depth", nullable = false)
    private int depth;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Organization() {
    }

    Organization(UUID id, Organization parent, String name, String description, Instant createdAt) {
        this.id = id;
        this.parentId = parent.id;
        this.name = name;
        this.description = description;
        this.path = parent.path + "/" + id;
        this.depth = parent.depth + 1;
        this.createdAt = createdAt;
    }

    UUID getId() {
        return id;
    }

    UUID getParentId() {
        return parentId;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
    }

    String getPath() {
        return path;
    }

    int getDepth() {
        return depth;
    }

    long getVersion() {
        return version;
    }

    boolean isRoot() {
        return parentId == null;
    }

    void rename(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** Hangs this organization under another: its path and depth follow (its subtree's are the caller's). */
    void moveUnder(Organization parent) {
        this.parentId = parent.id;
        this.path = parent.path + "/" + id;
        this.depth = parent.depth + 1;
    }

    OrganizationRow toRow() {
        return new OrganizationRow(id, parentId, name, description, depth, version);
    }
}
