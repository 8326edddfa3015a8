package com.custodian.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.custodian.directory.local.LocalDirectory;

/** The default run's directory has two demo groups, one inside the other, for trying groups without a tenant. */
class LocalGroupsTest {

    static final UUID DANA = UUID.fromString("3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04");
    static final UUID ERIN = UUID.fromString("4d4f6e8a-1a5c-4e4f-9b95-7f1a6b5c3e05");

    private final LocalDirectory directory = new LocalDirectory(UUID.randomUUID());

    @Test
    void groupsAreFoundByNameAndMembershipIsTransitive() {
        assertThat(directory.findGroups("contoso", 10)).extracting(DirectoryEntry::displayName)
                .containsExactly("Contoso Operators", "Contoso Privacy Team");
        assertThat(directory.search("contoso", 10)).as("the Users page's filter finds groups too")
                .filteredOn(entry -> entry.type() == DirectoryObjectType.GROUP).hasSize(2);
        List<UUID> both = List.of(LocalDirectory.CONTOSO_OPERATORS, LocalDirectory.PRIVACY_TEAM);
        assertThat(directory.memberOf(DANA, both)).as("directly, and through the group inside the other")
                .containsExactlyInAnyOrderElementsOf(both);
        assertThat(directory.memberOf(ERIN, both)).isEmpty();
        assertThat(directory.findByIds(both)).hasSize(2);
    }
}
