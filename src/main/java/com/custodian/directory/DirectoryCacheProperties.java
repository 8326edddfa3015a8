package com.custodian.directory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long, and how many, directory entries are kept in memory. They are never written to the
 * database or to logs.
 */
@ConfigurationProperties("custodian.directory.cache")
public record DirectoryCacheProperties(Duration ttl, long maxEntries) {
}
