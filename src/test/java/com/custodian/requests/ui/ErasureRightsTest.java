package com.custodian.requests.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.i18n.Translations;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.DataRequestException;
import com.custodian.requests.DataRequestProblem;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.Discovery;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;
import com.custodian.security.Permission;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.SignIn;
import com.custodian.users.RolesService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;

/**
 * An erasure does no more than its caller could do directly. Someone whose only permission is the
 * data requests' cannot erase an App Administrator (deleting them needs every permission of their
 * role) nor devices (that needs "Erase device data" and "Delete devices"): the request's page says
 * so before anyone presses Erase, and the erasure is refused whole, with nothing erased.
 */
class ErasureRightsTest extends AbstractViewTest {

    static final String OFFICER = "frank@contoso.test";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataRequestsService requests;
    @Autowired
    RolesService roles;
    @Autowired
    DirectoryService directory;

    private UUID role;
    private UUID frank;

    @BeforeEach
    void aPrivacyOfficerWithTheDataRequestsPermissionAlone() {
        SignIn.as(context, SignIn.ADMIN);
        role = roles.createRole("Privacy officer", EnumSet.of(Permission.MANAGE_DATA_REQUESTS)).id();
        frank = directory.findPeopleByEmail(OFFICER).getFirst().objectId();
        jdbc.update("insert into app_user (id, tenant_id, object_id, principal_type, added_at, version) "
                + "values (70000001, ?, ?, 'PERSON', now(), 0)", directory.tenantId().toString(), frank.toString());
        jdbc.update("insert into role_assignment (user_id, role_id) values (70000001, ?)", role.toString());
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        jdbc.update("delete from app_user where id = 70000001");
        jdbc.update("delete from role_permission where role_id = ?", role.toString());
        jdbc.update("delete from app_role where id = ?", role.toString());
    }

    @Test
    void anAdministratorCannotBeErasedByOneWhoCouldNotDeleteThem() {
        long users = jdbc.queryForObject("select count(*) from app_user", Long.class);
        SignIn.as(context, OFFICER);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, SignIn.ADMIN,
                LocalDate.now(ZoneOffset.UTC), "", ""));

        Discovery found = requests.discover(request.id());
        assertThat(found.erasable()).isFalse();
        assertThat(found.erasureBlockers()).anySatisfy(blocker -> assertThat(Translations.english(blocker))
                .contains("App Administrator", "Manage users", "which needs permissions you do not hold"))
                .anySatisfy(blocker -> assertThat(Translations.english(blocker))
                        .as("the last person holding App Administrator").contains("without anyone holding"));

        assertThatThrownBy(() -> requests.erase(request.id(), request.version()))
                .isInstanceOfSatisfying(DataRequestException.class, refusal -> {
                    assertThat(refusal.problem()).isEqualTo(DataRequestProblem.ERASURE_NOT_ALLOWED);
                    assertThat(refusal.getMessage()).contains("App Administrator", "Nothing was erased");
                });
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).as("nobody erased")
                .isEqualTo(users);
        assertThat(requests.request(request.id()).status().closed()).isFalse();
    }

    @Test
    void devicesAreNotErasedWithoutTheDeviceDataPermissions() {
        long points = jdbc.queryForObject("select count(*) from device", Long.class);
        SignIn.as(context, OFFICER);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "sensor-lobby-01",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        Discovery found = requests.discover(request.id());
        assertThat(found.erasureBlockers()).singleElement().satisfies(blocker -> assertThat(Translations.english(blocker))
                .contains("Erase device data", "Delete devices"));
        assertThatThrownBy(() -> requests.erase(request.id(), request.version()))
                .isInstanceOf(DataRequestException.class);
        assertThat(jdbc.queryForObject("select count(*) from device", Long.class)).isEqualTo(points);
    }

    @Test
    void theRequestsPageSaysSoAndOffersNoErase() {
        SignIn.as(context, OFFICER);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, SignIn.ADMIN,
                LocalDate.now(ZoneOffset.UTC), "", ""));
        signInAs(OFFICER);
        UI.getCurrent().navigate(DataRequestView.class, new RouteParameters("id", String.valueOf(request.id())));
        DataRequestView page = _get(DataRequestView.class);
        assertThat(page.erase.isEnabled()).isFalse();
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("erasure-blocked"))
                .getElement().getTextRecursively()).contains("You cannot erase", "App Administrator", "Manage users");
    }

    @Test
    void anAdministratorStillErasesAPersonWhoseRolesTheyHold() {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, OFFICER,
                LocalDate.now(ZoneOffset.UTC), "", ""));
        assertThat(requests.discover(request.id()).erasable()).isTrue();
        assertThat(requests.erase(request.id(), request.version()).status().closed()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = 70000001", Long.class)).isZero();
    }
}
