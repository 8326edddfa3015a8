package com.custodian.directory;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Builds a directory service over any port, for tests outside this package. */
public final class DirectoryTestAccess {

    private DirectoryTestAccess() {
    }

    public static DirectoryService service(DirectoryPort port) {
        return new DirectoryService(port, new SimpleMeterRegistry(),
                new DirectoryCacheProperties(Duration.ofMinutes(5), 1000), event -> { }, java.time.Clock.systemUTC());
    }
}
