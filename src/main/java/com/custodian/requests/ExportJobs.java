package com.custodian.requests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import com.custodian.base.i18n.Languages;
import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;

/**
 * Exports prepared in the background: the bundle is written to a temporary file on a thread of
 * its own, as the person who asked (the same checks as a direct export), while the page shows the
 * progress and stays usable; then it is offered for download. A prepared file is deleted once
 * downloaded, and after an hour in any case.
 */
@Service
public class ExportJobs {

    static final Duration KEPT = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    /** What the page shows of a job; what is being written and the failure in the asker's language. */
    public record Progress(int done, int total, String writing, long bytes, boolean finished, String failure) {

        public double fraction() {
            return total == 0 ? 0 : Math.min(1.0, (double) done / total);
        }
    }

    private final class Job {
        final long requestId;
        final Path file;
        final Instant started;
        final AtomicLong bytes = new AtomicLong();
        volatile int done;
        volatile int total = 1;
        volatile String writing = "";
        volatile boolean finished;
        volatile String failure;

        Job(long requestId, Path file, Instant started) {
            this.requestId = requestId;
            this.file = file;
            this.started = started;
        }

        Progress progress() {
            return new Progress(done, total, writing, bytes.get(), finished, failure);
        }
    }

    private final DataRequestsService requests;
    private final Clock clock;
    private final Translations translations;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    private final Path directory;

    ExportJobs(DataRequestsService requests, Clock clock, Translations translations,
            @org.springframework.beans.factory.annotation.Value("${custodian.exports.directory:}") String directory) {
        this.requests = requests;
        this.translations = translations;
        this.clock = clock;
        this.directory = privateDirectory(directory == null || directory.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "custodian-exports") : Path.of(directory));
        sweepLeftovers();
    }

    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
            .contains("posix");
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");

    /**
     * The prepared exports' directory, readable by the application's own user alone (0700): made so
     * when missing, and checked when there: another user's directory is refused at start rather than
     * written into, and one that others may read is closed to them.
     */
    static Path privateDirectory(Path directory) {
        try {
            if (!Files.exists(directory)) {
                if (POSIX) {
                    Files.createDirectories(directory,
                            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectories(directory);
                }
            }
            if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("The exports directory " + directory + " is a link or no directory; "
                        + "set CUSTODIAN_EXPORTS_DIRECTORY to a directory of the application's own");
            }
            if (POSIX) {
                // Whose it is, compared with what this process creates (a name may not exist for the UID).
                Path probe = Files.createTempFile(directory, "owner-", ".probe");
                try {
                    var mine = Files.getOwner(probe, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    var owner = Files.getOwner(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (!owner.equals(mine)) {
                        throw new IllegalStateException("The exports directory " + directory + " belongs to "
                                + owner.getName() + ", not to this process (" + mine.getName()
                                + "); set CUSTODIAN_EXPORTS_DIRECTORY to a directory of its own");
                    }
                } finally {
                    Files.deleteIfExists(probe);
                }
                if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(directory, OWNER_ONLY); // whatever the umask made of it
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the files a run that died left behind: those untouched for twice as long as any run
     * keeps its own. Another instance on the same host may share the directory; its files are
     * younger than that, so they stay.
     */
    void sweepLeftovers() {
        Instant limit = clock.instant().minus(KEPT.multipliedBy(2));
        Set<Path> ours = new HashSet<>();
        jobs.values().forEach(job -> ours.add(job.file));
        List<Path> files;
        // Only what this code writes (a shared directory's other files are none of its business).
        try (var listed = Files.list(directory)) {
            files = listed.filter(file -> file.getFileName().toString().matches("export-.*\\.zip")
                    && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            log.warn("Could not list leftover exports: {}", e.toString());
            return;
        }
        for (Path file : files) {
            if (ours.contains(file)) {
                continue;
            }
            try {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(limit)) {
                    Files.deleteIfExists(file);
                }
            } catch (NoSuchFileException goneMeanwhile) {
                // Its owner (or another instance's sweep) deleted it first.
            } catch (IOException e) {
                log.warn("Could not sweep a leftover export: {}", e.toString());
            }
        }
    }

    /** {@link #start(long, Locale)} in English. */
    @PreAuthorize(DataRequestsService.MANAGE)
    public String start(long requestId) {
        return start(requestId, Languages.ENGLISH);
    }

    /**
     * Starts preparing the request's export, its descriptions and progress in the language of the
     * person who asked.
     *
     * @return the job's key, for {@link #progress} and {@link #download}
     */
    @PreAuthorize(DataRequestsService.MANAGE)
    public String start(long requestId, Locale language) {
        requests.request(requestId); // refuses at once what cannot be exported
        Path file;
        try {
            file = POSIX ? Files.createTempFile(directory, "export-", ".zip",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, "export-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = java.util.UUID.randomUUID().toString();
        Job job = new Job(requestId, file, clock.instant());
        jobs.put(key, job);
        SecurityContext asker = SecurityContextHolder.getContext();
        Thread.ofVirtual().name("export-" + requestId).start(() -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(asker.getAuthentication());
            SecurityContextHolder.setContext(context);
            // Written through the file's own channel, opened once: nothing swaps the path in between.
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new CountingFileStream(java.nio.channels.Channels.newOutputStream(channel),
                            job.bytes)) {
                requests.export(requestId, out, language, (done, total, next) -> {
                    job.done = done;
                    job.total = total;
                    job.writing = translations.text(language, next);
                });
                job.finished = true;
            } catch (RuntimeException | IOException e) {
                job.failure = translations.text(language, e instanceof DataRequestException refusal ? refusal.text()
                        : Text.of("requests.export.failed"));
                job.finished = true;
                log.warn("Export of data request {} failed: {}", requestId, e.toString());
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
        return key;
    }

    @PreAuthorize(DataRequestsService.MANAGE)
    public Optional<Progress> progress(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(jobs.get(key)).map(Job::progress);
    }

    /**
     * Streams the prepared file to the output and deletes it. Checked again at this moment: the
     * request must still exist and its subject must not have been erased since the file was
     * prepared (on this instance or another), and the caller must still hold the permission.
     */
    @PreAuthorize(DataRequestsService.MANAGE)
    public void download(String key, OutputStream out) throws IOException {
        Job job = key == null ? null : jobs.get(key);
        if (job == null || !job.finished || job.failure != null) {
            throw new DataRequestException(DataRequestProblem.EXPORT_NOT_READY);
        }
        RequestRow request;
        try {
            request = requests.request(job.requestId);
        } catch (DataRequestException gone) {
            discardWhere(candidate -> candidate == job);
            throw new DataRequestException(DataRequestProblem.EXPORT_NOT_READY);
        }
        // Erased by this request, or forgotten by another's erasure since the file was prepared.
        if (request.receipt() != null && request.type() == RequestType.ERASURE
                || request.status() == RequestStatus.REJECTED || requests.subjectForgotten(job.requestId)) {
            discardWhere(candidate -> candidate == job);
            throw new DataRequestException(request.status() == RequestStatus.REJECTED ? DataRequestProblem.REJECTED
                    : DataRequestProblem.SUBJECT_ERASED);
        }
        if (!jobs.remove(key, job)) {
            throw new DataRequestException(DataRequestProblem.EXPORT_NOT_READY);
        }
        try (InputStream in = Files.newInputStream(job.file)) {
            in.transferTo(out);
        } finally {
            Files.deleteIfExists(job.file);
        }
    }

    /** An erased subject's prepared exports go with the erasure. */
    @org.springframework.transaction.event.TransactionalEventListener
    void on(RequestErased erased) {
        discardWhere(job -> job.requestId == erased.requestId());
    }

    /**
     * The prepared exports of subjects erased on another instance go too, within seconds: each
     * instance asks the register about the requests it holds files for (one statement, none while
     * it holds none).
     */
    @Scheduled(fixedDelayString = "${custodian.exports.recheck-every:5s}",
            initialDelayString = "${custodian.exports.recheck-every:5s}")
    void discardErasedElsewhere() {
        Set<Long> held = new HashSet<>();
        jobs.values().forEach(job -> held.add(job.requestId));
        if (held.isEmpty()) {
            return;
        }
        Set<Long> discard = requests.exportsToDiscard(held);
        if (!discard.isEmpty()) {
            discardWhere(job -> discard.contains(job.requestId));
            log.info("Discarded the prepared exports of {} data requests erased, rejected or deleted elsewhere",
                    discard.size());
        }
    }

    /** Prepared files nobody fetched go after an hour; those a dead run left, after two. */
    @Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
    void forgetOld() {
        Instant limit = clock.instant().minus(KEPT);
        discardWhere(job -> job.finished && job.started.isBefore(limit));
        sweepLeftovers();
    }

    private void discardWhere(java.util.function.Predicate<Job> which) {
        jobs.values().removeIf(job -> {
            if (!which.test(job)) {
                return false;
            }
            try {
                Files.deleteIfExists(job.file);
            } catch (IOException e) {
                log.warn("Could not delete a prepared export: {}", e.toString());
            }
            return true;
        });
    }

    /** Where this instance writes its prepared exports. */
    String directory() {
        return directory.toString();
    }

    /** Counts what is written, for the progress. */
    private static final class CountingFileStream extends java.io.FilterOutputStream {
        private final AtomicLong bytes;

        CountingFileStream(OutputStream out, AtomicLong bytes) {
            super(new java.io.BufferedOutputStream(out, 64 * 1024));
            this.bytes = bytes;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes.addAndGet(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes.incrementAndGet();
        }
    }
}
