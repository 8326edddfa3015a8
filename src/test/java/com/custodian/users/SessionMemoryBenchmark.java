package com.custodian.users;

import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TemplateSummary;
import com.custodian.testsupport.SignIn;

/**
 * Heap per signed-in session with the Users page open, over real HTTP: each session signs in
 * through the sign-in form, then speaks Vaadin's own protocol as the browser does (the bootstrap
 * page, the UI's init request, the navigation to the Users page), so the server holds a real UI with
 * the grid and its first page of 50 users out of 1,000. The heap is measured after full collections
 * before and after opening N = 200, then N = 400 sessions. Then the same with the Devices page open
 * on 1,000 devices, 200 sessions. Prints figures; asserts nothing about them.
 * The test JVM runs Vaadin in development mode; its component tracker, which production mode does
 * not run, is off here, as it would otherwise dominate the figure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // As in production: development mode records a stack trace per component (about 5 MB a session).
        properties = "vaadin.devmode.componentTracker.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionMemoryBenchmark {

    /** The administrator of the default run, who may open the Users page. */
    private static final String ADMIN = "admin@contoso.test";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern GRID_NODE =
            Pattern.compile("\"node\":(\\d+),\"type\":\"put\",\"key\":\"tag\",\"feat\":0,\"value\":\"vaadin-grid\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;

    private ScaleUsers scale;

    @BeforeAll
    void users() {
        scale = new ScaleUsers(jdbc, 1000);
        scale.insert();
    }

    @AfterAll
    void removeUsers() {
        scale.remove();
    }

    @Test
    @Order(1)
    void heapPerSessionWithTheUsersGridOpen() throws Exception {
        openSessions(30, "users");  // warms up classes, caches and the directory
        long before = heapAfterFullCollections();
        pauseForAHistogram("before the sessions");
        openSessions(200, "users");
        long after200 = heapAfterFullCollections();
        pauseForAHistogram("after 200 sessions");
        openSessions(200, "users");
        long after400 = heapAfterFullCollections();
        System.out.printf("BENCHMARK Users page: heap before: %,d KB; after 200 sessions: %,d KB (+%,d KB a session); "
                + "after 400: %,d KB (+%,d KB a session over all 400, +%,d KB over the second 200)%n",
                before / 1024, after200 / 1024, (after200 - before) / 200 / 1024, after400 / 1024,
                (after400 - before) / 400 / 1024, (after400 - after200) / 200 / 1024);
    }

    @Test
    @Order(2)
    void heapPerSessionWithTheDevicesGridOpen() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Memory sensor " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        List<Long> fleet = new ArrayList<>();
        for (int d = 0; d < 1000; d++) {
            fleet.add(devices.createDevice("memory-" + d + "-" + UUID.randomUUID(), "Memory " + d, template.id())
                    .device().id());
        }
        SignIn.out();
        try {
            openSessions(30, "devices");
            long before = heapAfterFullCollections();
            openSessions(200, "devices");
            long after = heapAfterFullCollections();
            System.out.printf("BENCHMARK Devices page (1,000 devices): heap before: %,d KB; after 200 sessions: %,d KB "
                    + "(+%,d KB a session)%n", before / 1024, after / 1024, (after - before) / 200 / 1024);
        } finally {
            SignIn.as(context, SignIn.ADMIN);
            devices.deleteDevices(fleet);
            jdbc.update("delete from device_template where name like 'Memory sensor %'");
            SignIn.out();
        }
    }

    /** With BENCHMARK_PAUSE=seconds, time to take {@code jmap -histo:live} and compare the two. */
    private static void pauseForAHistogram(String when) throws InterruptedException {
        if (System.getenv("BENCHMARK_PAUSE") != null) {
            System.out.println("BENCHMARK pausing " + when + " for a heap histogram of pid "
                    + ProcessHandle.current().pid());
            Thread.sleep(Long.parseLong(System.getenv("BENCHMARK_PAUSE")) * 1000);
        }
    }

    private void openSessions(int count, String route) throws Exception {
        for (int i = 0; i < count; i++) {
            openPage(route);
        }
    }

    /** One browser's worth: its own cookies, the sign-in form, then the page over Vaadin's protocol. */
    private void openPage(String route) throws Exception {
        // Closed at the end, with its connections: what stays is what the server keeps for the session.
        try (HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            openPage(browser, route);
        }
    }

    private void openPage(HttpClient browser, String route) throws Exception {
        String login = get(browser, "/login");
        Matcher csrf = CSRF.matcher(login);
        String form = "username=" + URLEncoder.encode(ADMIN, StandardCharsets.UTF_8) + "&password=demo"
                + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        require(signedIn.statusCode() == 302 && !signedIn.headers().firstValue("Location").orElse("").contains("error"),
                "sign-in failed: " + signedIn.statusCode());
        get(browser, "/" + route);
        String init = get(browser, "/?v-r=init&location=" + route + "&query=&v-wn=benchmark&v-tzid=UTC");
        Matcher key = SECURITY_KEY.matcher(init);
        Matcher ui = UI_ID.matcher(init);
        require(key.find() && ui.find(), "no UI in the init response");
        String navigation = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                + "\"event\":\"ui-navigate\",\"data\":{\"route\":\"/" + route
                + "\",\"query\":\"\",\"appShellTitle\":\"\","
                + "\"historyState\":{\"idx\":0},\"trigger\":\"\"}}],\"syncId\":0,\"clientId\":0}";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(url("/?v-r=uidl&v-uiId=" + ui.group(1)))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(navigation)).build(), HttpResponse.BodyHandlers.ofString());
        require(page.statusCode() == 200 && page.body().contains("vaadin-grid"), "the page did not open: " + route);
        confirmTheGridsData(browser, key.group(1), ui.group(1), page.body());
    }

    /**
     * What the browser's grid does next: it confirms the rows it was sent. Until a UI's next request,
     * the server keeps its last response for a client that must resend; after the navigation that
     * is the whole page, and a real browser replaces it at once with this small one.
     */
    private void confirmTheGridsData(HttpClient browser, String securityKey, String uiId, String page) throws Exception {
        Matcher grid = GRID_NODE.matcher(page);
        require(grid.find(), "no grid in the page");
        Matcher update = Pattern.compile("\\[\\{\"@v-node\":" + grid.group(1)
                + "},(\\d+),\"return \\$0\\.\\$connector\\.confirm\\(\\$1\\)\"]").matcher(page);
        require(update.find(), "the grid was sent no rows");
        String confirm = "{\"csrfToken\":\"" + securityKey + "\",\"rpc\":[{\"type\":\"publishedEventHandler\","
                + "\"node\":" + grid.group(1) + ",\"templateEventMethodName\":\"confirmUpdate\","
                + "\"templateEventMethodArgs\":[" + update.group(1) + "],\"promise\":0}],\"syncId\":1,\"clientId\":1}";
        HttpResponse<String> confirmed = browser.send(HttpRequest.newBuilder(url("/?v-r=uidl&v-uiId=" + uiId))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(confirm)).build(), HttpResponse.BodyHandlers.ofString());
        require(confirmed.statusCode() == 200 && confirmed.body().contains("\"syncId\":2")
                && !confirmed.body().contains("resynchronize"), "the grid's confirmation failed: " + confirmed.body());
    }

    private String get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static long heapAfterFullCollections() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
