package com.custodian.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.custodian.requests.DataRequestsService;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestType;
import com.custodian.security.api.LocalTokenIssuer;
import com.custodian.testsupport.Karibu;
import com.custodian.testsupport.SignIn;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteConfiguration;

import tools.jackson.databind.json.JsonMapper;

/**
 * No role of the application reaches system-generated logs: with a marker written to the system
 * log, every registered page is opened as each demo role (App Administrator included) and every
 * GET endpoint of the application is called with the most privileged token there is, and the
 * marker appears nowhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SystemLogUnreachableTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    SystemLog systemLog;
    @Autowired
    JdbcTemplate jdbc;

    private final String marker = "marker-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        SignIn.use(context);
        systemLog.record("test.marker", Map.of("marker", marker, "deviceId", "sensor-lobby-01"));
        Karibu.setUp(context);
    }

    @AfterEach
    void tearDown() {
        Karibu.tearDown();
        jdbc.update("delete from data_request");
    }

    @Test
    void noPageShowsTheSystemLogToAnyRole() {
        SignIn.as(context, SignIn.ADMIN);
        long request = context.getBean(DataRequestsService.class).open(new NewRequest(RequestType.ACCESS,
                "sensor-lobby-01", LocalDate.now(ZoneOffset.UTC), "", "")).id();
        for (String role : List.of(SignIn.ADMIN, SignIn.BUILDER, SignIn.OPERATOR, SignIn.NO_ROLE)) {
            Karibu.signIn(SignIn.as(context, role));
            List<String> routes = RouteConfiguration.forApplicationScope().getAvailableRoutes().stream()
                    .map(route -> route.getTemplate()).toList();
            assertThat(routes).contains("users", "devices/:deviceId", "data-requests/:id");
            for (String route : routes) {
                String path = route.replace(":deviceId", "sensor-lobby-01").replace(":id", String.valueOf(request));
                UI.getCurrent().navigate(path);
                assertThat(shown()).as(role + " on " + path).doesNotContain(marker);
            }
        }
    }

    /** The page's text and the rows of its grids (which the browser would fetch). */
    private static String shown() {
        StringBuilder shown = new StringBuilder(UI.getCurrent().getElement().getTextRecursively());
        for (com.vaadin.flow.component.grid.Grid<?> grid : com.github.mvysny.kaributesting.v10.LocatorJ._find(
                com.vaadin.flow.component.grid.Grid.class)) {
            int rows = Math.min(com.github.mvysny.kaributesting.v10.GridKt._size(grid), 200);
            for (int i = 0; i < rows; i++) {
                shown.append('\n').append(com.github.mvysny.kaributesting.v10.GridKt._get(grid, i));
            }
        }
        return shown.toString();
    }

    @Test
    void noEndpointServesTheSystemLog() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/token")).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=" + LocalTokenIssuer.DEMO_CLIENT
                                        + "&client_secret=" + LocalTokenIssuer.DEMO_SECRET)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asString();
        SignIn.as(context, SignIn.ADMIN);
        long request = context.getBean(DataRequestsService.class).open(new NewRequest(RequestType.ACCESS,
                "sensor-lobby-01", LocalDate.now(ZoneOffset.UTC), "", "")).id();
        var mappings = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet();
        int called = 0;
        for (var mapping : mappings) {
            boolean get = mapping.getMethodsCondition().getMethods().isEmpty()
                    || mapping.getMethodsCondition().getMethods().contains(RequestMethod.GET);
            if (!get) {
                continue;
            }
            for (String pattern : mapping.getPatternValues()) {
                String path = pattern.replace("{id}", String.valueOf(request)).replace("{deviceId}", "sensor-lobby-01")
                        .replaceAll("\\{[^}]*}", "x");
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + path)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).as(path).doesNotContain(marker);
                called++;
            }
        }
        assertThat(called).isGreaterThanOrEqualTo(4);
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/loggers", "/actuator/logfile")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).as(path).doesNotContain(marker);
        }
    }
}
