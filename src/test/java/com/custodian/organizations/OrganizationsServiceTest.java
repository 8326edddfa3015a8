package com.custodian.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import com.custodian.base.i18n.Translations;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.testsupport.SignIn;

/**
 * The organization tree on MariaDB: its limits (200 organizations, 5 levels), names unique among
 * siblings, moves that carry the subtree and refuse a place under itself or too deep, deletion
 * refused while anything is held (counts named), devices moved between organizations, and who may
 * change it.
 */
@SpringBootTest
class OrganizationsServiceTest {

    @Autowired
    OrganizationsService organizations;
    @Autowired
    DevicesService devices;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    private OrganizationRow root;

    @BeforeEach
    void signIn() {
        SignIn.as(context, SignIn.ADMIN);
        root = organizations.root();
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("update device set organization_id = ? where organization_id not in (?, ?, ?)",
                root.id().toString(), root.id().toString(), DemoOrganizations.SEATTLE.toString(),
                DemoOrganizations.BERLIN.toString());
        jdbc.update("delete from device where display_name = 'Organizations test'");
        jdbc.update("delete from device_template where name like 'Organizations test %'");
        // Deepest first, so that no parent goes before its children.
        jdbc.update("delete from organization where depth = 5");
        jdbc.update("delete from organization where depth = 4");
        jdbc.update("delete from organization where depth = 3");
        jdbc.update("delete from organization where depth = 2");
        jdbc.update("delete from organization where depth = 1 and name like 'Test %'");
        SignIn.out();
    }

    @Test
    void organizationsAreCreatedRenamedAndReadAsATree() {
        OrganizationRow europe = organizations.create(root.id(), "Test Europe", "Sales and service");
        OrganizationRow berlin = organizations.create(europe.id(), "Berlin", null);
        assertThat(berlin.depth()).isEqualTo(2);
        assertThat(organizations.tree()).extracting(OrganizationRow::id).contains(root.id(), europe.id(), berlin.id());
        assertThat(organizations.subtree(europe.id())).containsExactly(europe.id(), berlin.id());

        OrganizationRow renamed = organizations.update(berlin.id(), berlin.version(), "Berlin Mitte", "Office");
        assertThat(renamed.name()).isEqualTo("Berlin Mitte");
        assertThat(audit("organization.created")).isPositive();
        assertThat(audit("organization.changed")).isPositive();
    }

    @Test
    void namesAreUniqueAmongSiblingsOnly() {
        OrganizationRow europe = organizations.create(root.id(), "Test Europe", null);
        OrganizationRow america = organizations.create(root.id(), "Test America", null);
        organizations.create(europe.id(), "Sales", null);
        assertThat(organizations.create(america.id(), "Sales", null).name()).as("a cousin may share it").isEqualTo("Sales");
        assertRefused(() -> organizations.create(europe.id(), "SALES", null), OrganizationsProblem.NAME_TAKEN);
        assertRefused(() -> organizations.create(europe.id(), " ", null), OrganizationsProblem.NAME_INVALID);
        assertRefused(() -> organizations.create(europe.id(), "x".repeat(101), null), OrganizationsProblem.NAME_INVALID);
        assertRefused(() -> organizations.create(europe.id(), "Bad\u0007name", null), OrganizationsProblem.NAME_INVALID);
        assertRefused(() -> organizations.create(europe.id(), "Fine", "d".repeat(501)),
                OrganizationsProblem.DESCRIPTION_INVALID);
        assertRefused(() -> organizations.create(UUID.randomUUID(), "Orphan", null), OrganizationsProblem.NOT_FOUND);
        assertRefused(() -> organizations.update(root.id(), root.version(), "Renamed", null),
                OrganizationsProblem.ROOT_FIXED);
    }

    @Test
    void atMostFiveLevelsBelowTheApplication() {
        UUID parent = root.id();
        for (int level = 1; level <= OrganizationsService.MAX_DEPTH; level++) {
            parent = organizations.create(parent, "Test level " + level, null).id();
        }
        UUID deepest = parent;
        assertRefused(() -> organizations.create(deepest, "Too deep", null), OrganizationsProblem.TOO_DEEP);
    }

    @Test
    void atMostTwoHundredOrganizations() {
        long existing = jdbc.queryForObject("select count(*) from organization", Long.class) - 1;
        OrganizationRow bulk = organizations.create(root.id(), "Test bulk", null);
        for (long i = existing + 1; i < OrganizationsService.MAX_ORGANIZATIONS; i++) {
            organizations.create(bulk.id(), "Child " + i, null);
        }
        assertThat(jdbc.queryForObject("select count(*) from organization", Long.class) - 1)
                .isEqualTo(OrganizationsService.MAX_ORGANIZATIONS);
        assertRefused(() -> organizations.create(bulk.id(), "One too many", null), OrganizationsProblem.TOO_MANY);
    }

    @Test
    void aMoveCarriesTheSubtreeAndIsRefusedUnderItselfOrTooDeep() {
        OrganizationRow europe = organizations.create(root.id(), "Test Europe", null);
        OrganizationRow germany = organizations.create(europe.id(), "Germany", null);
        OrganizationRow berlin = organizations.create(germany.id(), "Berlin", null);
        OrganizationRow america = organizations.create(root.id(), "Test America", null);

        assertRefused(() -> organizations.move(europe.id(), europe.version(), berlin.id()),
                OrganizationsProblem.UNDER_ITSELF);
        assertRefused(() -> organizations.move(europe.id(), europe.version(), europe.id()),
                OrganizationsProblem.UNDER_ITSELF);

        OrganizationRow moved = organizations.move(germany.id(), germany.version(), america.id());
        assertThat(moved.parentId()).isEqualTo(america.id());
        assertThat(organizations.subtree(america.id())).containsExactlyInAnyOrder(america.id(), germany.id(), berlin.id());
        assertThat(organizations.subtree(europe.id())).containsExactly(europe.id());
        assertThat(organizations.tree()).filteredOn(row -> row.id().equals(berlin.id())).singleElement()
                .extracting(OrganizationRow::depth).isEqualTo(3);
        assertThat(jdbc.queryForObject("select path from organization where id = ?", String.class,
                berlin.id().toString())).isEqualTo("/" + root.id() + "/" + america.id() + "/" + germany.id() + "/"
                        + berlin.id());

        // Germany has a child: under a level-4 organization its child would be at level 6.
        UUID parent = europe.id();
        for (int level = 2; level <= 4; level++) {
            parent = organizations.create(parent, "Level " + level, null).id();
        }
        UUID levelFour = parent;
        OrganizationRow current = organizations.tree().stream().filter(row -> row.id().equals(germany.id()))
                .findFirst().orElseThrow();
        assertRefused(() -> organizations.move(germany.id(), current.version(), levelFour), OrganizationsProblem.TOO_DEEP);
        assertRefused(() -> organizations.move(germany.id(), current.version() - 1, europe.id()),
                OrganizationsProblem.CONCURRENT_CHANGE);
    }

    @Test
    void anOrganizationHoldingAnythingIsNotDeletedAndTheRefusalCountsWhat() {
        OrganizationRow europe = organizations.create(root.id(), "Test Europe", null);
        organizations.create(europe.id(), "Berlin", null);
        var template = devices.createTemplate("Organizations test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        var device = devices.createDevice("org-test-" + UUID.randomUUID(), "Organizations test", template.id(),
                europe.id());

        assertThatThrownBy(() -> organizations.delete(europe.id())).isInstanceOfSatisfying(OrganizationsException.class,
                refusal -> {
                    assertThat(refusal.problem()).isEqualTo(OrganizationsProblem.NOT_EMPTY);
                    assertThat(Translations.english(com.custodian.base.i18n.Text.of(refusal.problem().messageKey(),
                            refusal.arguments()))).isEqualTo(
                                    "Test Europe still holds 1 organization below it, 1 device: move or delete those first.");
                });
        assertRefused(() -> organizations.delete(root.id()), OrganizationsProblem.ROOT_FIXED);

        assertThat(devices.moveDevices(List.of(device.device().id()), root.id())).isEqualTo(1);
        assertThat(devices.moveDevices(List.of(device.device().id()), root.id())).as("there already").isZero();
        assertThat(audit("device.moved")).isPositive();
        OrganizationRow berlin = organizations.tree().stream().filter(row -> "Berlin".equals(row.name())
                && europe.id().equals(row.parentId())).findFirst().orElseThrow();
        organizations.delete(berlin.id());
        organizations.delete(europe.id());
        assertThat(organizations.organization(europe.id())).isEmpty();
        assertThat(audit("organization.deleted")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void devicesFilterBySubtreeAndRefuseAnOrganizationThatIsGone() {
        OrganizationRow europe = organizations.create(root.id(), "Test Europe", null);
        OrganizationRow berlin = organizations.create(europe.id(), "Berlin", null);
        var template = devices.createTemplate("Organizations test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        String inBerlin = "org-test-" + UUID.randomUUID();
        devices.createDevice(inBerlin, "Organizations test", template.id(), berlin.id());
        assertThat(devices.listDevices(null, europe.id(), 0, 50)).extracting(row -> row.deviceId()).containsExactly(inBerlin);
        assertThat(devices.countDevices(null, berlin.id())).isEqualTo(1);
        assertThat(devices.countDevices(null, UUID.randomUUID())).isZero();
        assertThatThrownBy(() -> devices.createDevice("org-test-" + UUID.randomUUID(), "Organizations test",
                template.id(), UUID.randomUUID())).isInstanceOf(com.custodian.devices.DevicesException.class);
        assertThatThrownBy(() -> devices.moveDevices(List.of(1L), UUID.randomUUID()))
                .isInstanceOf(com.custodian.devices.DevicesException.class);
    }

    @Test
    void onlyThoseWhoManageOrganizationsChangeTheTree() {
        for (String caller : List.of(SignIn.BUILDER, SignIn.OPERATOR)) {
            SignIn.as(context, caller);
            assertThat(organizations.tree()).as("everyone with a role reads it").isNotEmpty();
            assertThatThrownBy(() -> organizations.create(root.id(), "Test refused", null))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> organizations.delete(root.id())).isInstanceOf(AccessDeniedException.class);
        }
        SignIn.out();
        assertThatThrownBy(() -> organizations.tree()).isInstanceOf(
                org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }

    private long audit(String action) {
        return jdbc.queryForObject("select count(*) from audit_entry where action = ?", Long.class, action);
    }

    private static void assertRefused(Runnable call, OrganizationsProblem problem) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(OrganizationsException.class,
                refusal -> assertThat(refusal.problem()).isEqualTo(problem));
    }
}
