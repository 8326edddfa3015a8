package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Prepared exports on disk, where several instances on one host share the temporary directory:
 * what a dead run left goes, what a live instance is preparing or offering stays.
 */
@SpringBootTest
class ExportJobsTest {

    @Autowired
    ExportJobs jobs;

    @Test
    void onlyLeftoversOlderThanAnyRunKeepsItsOwnAreSwept() throws Exception {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "custodian-exports");
        Path leftover = Files.createTempFile(directory, "export-", ".zip");
        Path anotherInstances = Files.createTempFile(directory, "export-", ".zip");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(ExportJobs.KEPT.multipliedBy(2))
                .minus(Duration.ofMinutes(1))));
        Files.setLastModifiedTime(anotherInstances, FileTime.from(Instant.now().minus(ExportJobs.KEPT)));
        try {
            jobs.sweepLeftovers();
            assertThat(leftover).doesNotExist();
            assertThat(anotherInstances).as("still within the hour another instance keeps it").exists();
        } finally {
            Files.deleteIfExists(leftover);
            Files.deleteIfExists(anotherInstances);
        }
    }

    @Test
    void theDirectoryIsTheApplicationUsersAlone() throws Exception {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "custodian-exports");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        // One left open to others is closed at start.
        Path open = Files.createTempDirectory("exports-open-");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            ExportJobs.privateDirectory(open);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(open)))
                    .isEqualTo("rwx------");
            Path made = ExportJobs.privateDirectory(open.resolve("new"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
                    .isEqualTo("rwx------");
        } finally {
            Files.deleteIfExists(open.resolve("new"));
            Files.deleteIfExists(open);
        }
        // A link planted where the directory should be is refused, not followed.
        Path target = Files.createTempDirectory("exports-target-");
        Path link = target.resolveSibling(target.getFileName() + "-link");
        Files.createSymbolicLink(link, target);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExportJobs.privateDirectory(link))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("link");
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(target);
        }
    }

    @Test
    void theSweepTouchesOnlyItsOwnFiles() throws Exception {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "custodian-exports");
        Path foreign = Files.createTempFile(directory, "notes-", ".txt");
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        try {
            jobs.sweepLeftovers();
            assertThat(foreign).exists();
        } finally {
            Files.deleteIfExists(foreign);
        }
    }
}
