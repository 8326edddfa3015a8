package com.custodian.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.custodian.directory.local.LocalDirectory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Lookups through the directory port: found, not found, and a directory that cannot be asked. */
class DirectoryServiceTest {

    private static final UUID TENANT = UUID.fromString("6d4e1f3a-2b8c-4c1d-9e7f-0a1b2c3d4e5f");
    private static final UUID ADMIN = UUID.fromString("0f8d2f4e-6c1b-4e0a-9a51-3b7c2d1e9a01");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Object> events = new java.util.ArrayList<>();

    @Test
    void resolvesKnownIdsAndReportsUnknownOnesAsNotInDirectory() {
        DirectoryService directory = service(localDirectory());
        UUID unknown = UUID.randomUUID();
        DirectoryLookup lookup = directory.resolve(List.of(ADMIN, unknown, ADMIN));
        assertThat(lookup.status(ADMIN)).isEqualTo(DirectoryStatus.FOUND);
        assertThat(lookup.entry(ADMIN)).hasValueSatisfying(entry -> {
            assertThat(entry.email()).isEqualTo("admin@contoso.test");
            assertThat(entry.displayName()).isEqualTo("Adele Vance");
        });
        assertThat(lookup.status(unknown)).isEqualTo(DirectoryStatus.NOT_IN_DIRECTORY);
        assertThat(requests("resolve", "ok")).isEqualTo(1);
    }

    @Test
    void emptyBatchAsksNothing() {
        DirectoryService directory = service(localDirectory());
        assertThat(directory.resolve(List.of()).directoryAnswered()).isTrue();
        assertThat(requests("resolve", "ok")).isZero();
    }

    @Test
    void failingDirectoryDegradesLookupsToUnavailable() {
        DirectoryService directory = service(failingDirectory());
        DirectoryLookup lookup = directory.resolve(List.of(ADMIN));
        assertThat(lookup.status(ADMIN)).isEqualTo(DirectoryStatus.UNAVAILABLE);
        assertThat(lookup.entry(ADMIN)).isEmpty();
        assertThat(requests("resolve", "unavailable")).isEqualTo(1);
        assertThatThrownBy(() -> directory.findPeopleByEmail("admin@contoso.test"))
                .isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void startingToFailAndAnsweringAgainAreEachAnnouncedOnce() {
        boolean[] failing = {true};
        DirectoryPort local = localDirectory();
        DirectoryPort flaky = new DirectoryPort() {
            @Override
            public UUID tenantId() {
                return TENANT;
            }

            @Override
            public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds) {
                return failing[0] ? failingDirectory().findByIds(objectIds) : local.findByIds(objectIds);
            }

            @Override
            public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds, Collection<UUID> groups) {
                return failing[0] ? failingDirectory().findByIds(objectIds) : local.findByIds(objectIds, groups);
            }

            @Override
            public Map<UUID, java.util.Set<UUID>> memberships(Map<UUID, ? extends Collection<UUID>> groupsByObject) {
                return failing[0] ? failingDirectory().memberships(groupsByObject) : local.memberships(groupsByObject);
            }

            @Override
            public List<DirectoryEntry> findPeopleByEmail(String email) {
                return failing[0] ? failingDirectory().findPeopleByEmail(email) : local.findPeopleByEmail(email);
            }

            @Override
            public List<DirectoryEntry> search(String text, int max) {
                return local.search(text, max);
            }

            @Override
            public List<DirectoryEntry> findGroups(String namePrefix, int max) {
                return local.findGroups(namePrefix, max);
            }

            @Override
            public java.util.Set<UUID> memberOf(UUID person, Collection<UUID> groups) {
                return local.memberOf(person, groups);
            }
        };
        DirectoryService directory = service(flaky);
        assertThat(directory.unavailableSince()).isEmpty();
        directory.resolve(List.of(ADMIN));
        assertThatThrownBy(() -> directory.findPeopleByEmail("admin@contoso.test"))
                .isInstanceOf(DirectoryUnavailableException.class);
        assertThat(events).singleElement().isInstanceOfSatisfying(DirectoryAvailabilityChanged.class, change -> {
            assertThat(change.available()).isFalse();
            assertThat(change.operation()).isEqualTo("resolve");
            assertThat(change.reason()).isEqualTo("connection refused");
        });
        assertThat(directory.unavailableSince()).isPresent();
        failing[0] = false;
        directory.resolve(List.of(ADMIN));
        directory.findPeopleByEmail("admin@contoso.test");
        assertThat(events).hasSize(2).last().isInstanceOfSatisfying(DirectoryAvailabilityChanged.class, change -> {
            assertThat(change.available()).isTrue();
            assertThat(change.operation()).isEqualTo("resolve");
        });
        assertThat(directory.unavailableSince()).isEmpty();
    }

    @Test
    void findsPeopleByEmailIgnoringCaseAndSurroundingSpace() {
        DirectoryService directory = service(localDirectory());
        assertThat(directory.findPeopleByEmail("  Admin@Contoso.TEST ")).extracting(DirectoryEntry::objectId)
                .containsExactly(ADMIN);
        assertThat(directory.findPeopleByEmail("nobody@contoso.test")).isEmpty();
    }

    @Test
    void cachedAnswersAskNothingAndNotFoundIsCachedToo() {
        DirectoryService directory = service(localDirectory());
        UUID unknown = UUID.randomUUID();
        directory.resolve(List.of(ADMIN, unknown));
        DirectoryLookup again = directory.resolve(List.of(ADMIN, unknown));
        assertThat(requests("resolve", "ok")).as("directory requests").isEqualTo(1);
        assertThat(again.status(ADMIN)).isEqualTo(DirectoryStatus.FOUND);
        assertThat(again.status(unknown)).isEqualTo(DirectoryStatus.NOT_IN_DIRECTORY);

        UUID another = UUID.randomUUID();
        DirectoryLookup mixed = directory.resolve(List.of(ADMIN, another));
        assertThat(requests("resolve", "ok")).as("only the uncached ID is asked for").isEqualTo(2);
        assertThat(mixed.status(another)).isEqualTo(DirectoryStatus.NOT_IN_DIRECTORY);
    }

    @Test
    void searchFindsByNamePrefixOrEmailAndIsCachedBriefly() {
        DirectoryService directory = service(localDirectory());
        assertThat(directory.search("vance", 10)).extracting(DirectoryEntry::email).containsExactly("admin@contoso.test");
        assertThat(directory.search("ADMIN@", 10)).extracting(DirectoryEntry::objectId).containsExactly(ADMIN);
        assertThat(directory.search("Privacy", 10)).extracting(DirectoryEntry::type)
                .containsExactly(DirectoryObjectType.SERVICE_PRINCIPAL, DirectoryObjectType.GROUP);
        directory.search("vance", 10);
        assertThat(requests("search", "ok")).isEqualTo(3);
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() throws InterruptedException {
        DirectoryService directory = new DirectoryService(localDirectory(), meters,
                new DirectoryCacheProperties(Duration.ofMillis(50), 100), events::add, Clock.systemUTC());
        directory.resolve(List.of(ADMIN));
        Thread.sleep(120);
        directory.resolve(List.of(ADMIN));
        assertThat(requests("resolve", "ok")).isEqualTo(2);
    }

    private DirectoryService service(DirectoryPort port) {
        return new DirectoryService(port, meters, new DirectoryCacheProperties(Duration.ofMinutes(5), 1000), events::add,
                Clock.systemUTC());
    }

    private static DirectoryPort localDirectory() {
        return new LocalDirectory(TENANT);
    }

    private double requests(String operation, String outcome) {
        var counter = meters.find("custodian.directory.requests").tag("operation", operation).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static DirectoryPort failingDirectory() {
        return new DirectoryPort() {
            @Override
            public UUID tenantId() {
                return TENANT;
            }

            @Override
            public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds) {
                throw new DirectoryUnavailableException("connection refused");
            }

            @Override
            public Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds, Collection<UUID> groups) {
                throw new DirectoryUnavailableException("connection refused");
            }

            @Override
            public Map<UUID, java.util.Set<UUID>> memberships(Map<UUID, ? extends Collection<UUID>> groupsByObject) {
                throw new DirectoryUnavailableException("connection refused");
            }

            @Override
            public List<DirectoryEntry> findPeopleByEmail(String email) {
                throw new DirectoryUnavailableException("connection refused");
            }

            @Override
            public List<DirectoryEntry> search(String text, int max) {
                throw new DirectoryUnavailableException("connection refused");
            }

            @Override
            public List<DirectoryEntry> findGroups(String namePrefix, int max) {
                throw new DirectoryUnavailableException("connection refused");
            }

            @Override
            public java.util.Set<UUID> memberOf(UUID person, Collection<UUID> groups) {
                throw new DirectoryUnavailableException("connection refused");
            }
        };
    }
}
