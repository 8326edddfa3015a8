package com.custodian.users;

import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TemplateSummary;
import com.custodian.security.Permission;
import com.custodian.testsupport.BenchmarkData;
import com.custodian.testsupport.SignIn;
import com.custodian.testsupport.SvgBarChart;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

/**
 * Heap per signed-in session with each main page open, over real HTTP: each session signs in
 * through the sign-in form, then speaks Vaadin's own protocol as the browser does (the bootstrap
 * page, the UI's init request, the navigation to the page, the grid's confirmation of the rows it
 * was sent), so the server holds a real UI with the page and its grid's first rows. For each of the
 * seven pages, on data of a realistic size: 30 sessions to warm up, then the heap after full
 * collections before and after opening 200; then those sessions are ended, as their timeout would,
 * so each page starts from the same heap. Prints a line a page and a table with each figure's ratio
 * to the goal of {@value #GOAL_KB} KB, written to {@code target/benchmark/session-memory.md} with a bar
 * plot beside it ({@code session-memory-by-page.svg}); asserts nothing about the figures.
 * With {@code BENCHMARK_PAUSE=seconds} it pauses before and after each page's sessions, for
 * {@code jmap -histo:live}; with {@code BENCHMARK_PAGES=route,…} it measures only those pages. Run with {@code ./mvnw -Pbenchmark test -Dtest=SessionMemoryBenchmark}.
 * The test JVM runs Vaadin in development mode; its component tracker, which production mode does
 * not run, is off here, as it would otherwise dominate the figure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // As in production: development mode records a stack trace per component (about 5 MB a session).
        properties = "vaadin.devmode.componentTracker.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionMemoryBenchmark {

    static final int GOAL_KB = 100;
    static final int WARM_UP = 30;
    static final int SESSIONS = 200;
    static final int USERS = 1_000;
    static final int DEVICES = 1_000;
    static final int RULES = 300;
    static final int ADDRESSES = 600;
    static final int ROLES = 30;
    static final int REQUESTS = 400;
    static final int AUDIT_ENTRIES = 2_000;
    static final long FIRST_DEVICE = 70_000_000L;
    static final long FIRST_RULE = 71_000_000L;
    static final long FIRST_REQUEST = 72_000_000L;
    static final Path OUT = Path.of("target", "benchmark");

    /** The administrator of the default run, who may open every page. */
    private static final String ADMIN = "admin@contoso.test";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern GRID_NODE =
            Pattern.compile("\"node\":(\\d+),\"type\":\"put\",\"key\":\"tag\",\"feat\":0,\"value\":\"vaadin-grid\"");

    /** A main page: its menu name, its route ({@code @Route}), and the data it shows, for the table. */
    private record Page(String name, String route, String data) {
    }

    private static final List<Page> PAGES = List.of(
            new Page("Users", "users", String.format(Locale.ROOT, "%,d users", USERS)),
            new Page("Devices", "devices", String.format(Locale.ROOT, "%,d devices", DEVICES)),
            new Page("Alert rules", "alert-rules", RULES + " rules"),
            new Page("Alert recipients", "alert-recipients", ADDRESSES + " addresses on " + RULES + " rules"),
            new Page("Roles", "roles", "the built-in roles and " + ROLES + " custom ones"),
            new Page("Customer data requests", "data-requests", REQUESTS + " requests, the completed with their receipts"),
            new Page("Audit trail", "audit-trail", String.format(Locale.ROOT, "%,d entries and more", AUDIT_ENTRIES)));

    private record Figure(Page page, long heapBeforeKb, long heapAfterKb, int stateNodes, long walkedKb) {
        long perSession() {
            return (heapAfterKb - heapBeforeKb) / SESSIONS;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    DevicesService devices;
    @Autowired
    RolesService roles;

    private ScaleUsers users;
    private long firstAuditEntry;

    @BeforeAll
    void data() {
        users = new ScaleUsers(jdbc, USERS);
        users.insert();
        SignIn.as(context, SignIn.ADMIN);
        try {
            TemplateSummary template = devices.createTemplate("Memory sensor " + UUID.randomUUID(),
                    List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
            BenchmarkData.insertRows(jdbc, DEVICES, 500, "insert into device (id, device_id, display_name, template_id, "
                    + "enabled, key_hash, key_created_at, created_at, last_seen_at, version) values ",
                    i -> "(" + (FIRST_DEVICE + i) + ", 'memory-" + i + "', 'Memory sensor " + i + "', '" + template.id()
                            + "', " + (i % 7 != 0) + ", 'x', now(), timestampadd(second, " + i + ", '2026-01-01'), "
                            + (i % 3 == 0 ? "null" : "now()") + ", 0)");
            BenchmarkData.insertRules(jdbc, FIRST_RULE, RULES, "Memory rule ", "erin@contoso.test",
                    "operator@contoso.test");
            BenchmarkData.insertRows(jdbc, ADDRESSES, 300, "insert into alert_recipient (rule_id, email) values ",
                    i -> "(" + (FIRST_RULE + i % RULES) + ", 'person" + i + "@memory.example')");
            List<Permission> permissions = List.of(Permission.values());
            for (int r = 0; r < ROLES; r++) {
                EnumSet<Permission> allowed = EnumSet.noneOf(Permission.class);
                for (int p = 0; p < permissions.size(); p++) {
                    if ((p + r) % 3 == 0) {
                        allowed.add(permissions.get(p));
                    }
                }
                roles.createRole("Memory role " + r, allowed);
            }
            String[] types = {"ACCESS", "EXPORT", "ERASURE"};
            String[] statuses = {"OPEN", "IN_PROGRESS", "COMPLETED", "REJECTED"};
            // Completed requests carry their receipt, rejected ones their reason, some a note, as the register's do.
            String receipt = "Exported the personal data of the subject: user record, 2 role assignments, "
                    + "3 alert rules naming the address, 40 audit entries. ".repeat(8);
            BenchmarkData.insertRows(jdbc, REQUESTS, 200, "insert into data_request (id, reference, request_type, "
                    + "subject_kind, subject, subject_salt, subject_hash, received_on, due_on, extended_months, status, "
                    + "rejection_reason, note, receipt, opened_by, opened_at, version) values ",
                    i -> "(" + (FIRST_REQUEST + i) + ", 'MEMORY-" + i + "', '" + types[i % types.length]
                            + "', 'PERSON', 'p" + i + "@example.test', 's', 'h', date_sub(curdate(), interval " + i % 40
                            + " day), date_add(curdate(), interval " + (i % 40 - 5) + " day), 0, '"
                            + statuses[i % statuses.length] + "', "
                            + (i % statuses.length == 3 ? "'The identity of the person asking was not confirmed.'" : "null")
                            + ", " + (i % 5 == 0 ? "'Asked by letter; the answer goes by post as well.'" : "null") + ", "
                            + (i % statuses.length == 2 ? "'" + receipt + "'" : "null") + ", '" + UUID.randomUUID()
                            + "', now(), 0)");
            String[] actions = {"user.assigned", "user.roles-changed", "alert-rule.changed", "device.created", "sign-in"};
            firstAuditEntry = jdbc.queryForObject("select coalesce(max(id), 0) + 1 from audit_entry", Long.class);
            BenchmarkData.insertRows(jdbc, AUDIT_ENTRIES, 500, "insert into audit_entry (at, actor, action, target, "
                    + "outcome, detail) values ",
                    i -> "(timestampadd(second, " + i + ", now() - interval 1 day), '"
                            + UUID.nameUUIDFromBytes(("memory" + i % 40).getBytes(StandardCharsets.UTF_8)) + "', '"
                            + actions[i % actions.length] + "', 'memory-target-" + i + "', '"
                            + (i % 11 == 0 ? "REFUSED" : "DONE") + "', 'Changed by the memory benchmark')");
        } finally {
            SignIn.out();
        }
    }

    @AfterAll
    void removeData() {
        SignIn.as(context, SignIn.ADMIN);
        try {
            jdbc.update("delete from alert_rule where id >= ?", FIRST_RULE);
            jdbc.update("delete from data_request where id >= ?", FIRST_REQUEST);
            jdbc.update("delete from audit_entry where id >= ? and detail = 'Changed by the memory benchmark'",
                    firstAuditEntry);
            jdbc.update("delete from device where id >= ?", FIRST_DEVICE);
            jdbc.update("delete from device_template where name like 'Memory sensor %'");
            roles.listRoles().stream().filter(role -> role.name().startsWith("Memory role "))
                    .forEach(role -> roles.deleteRole(role.id()));
            users.remove();
        } finally {
            SignIn.out();
        }
    }

    @Test
    void heapPerSessionOnEachMainPage() throws Exception {
        List<Figure> figures = new ArrayList<>();
        // Once round every page first: what the first page measured would otherwise carry (the caches and
        // pools that fill with the first sessions) is in every page's heap before.
        for (Page page : PAGES) {
            if (chosen(page)) {
                openSessions(WARM_UP, page.route());
                endSessions();
            }
        }
        for (Page page : PAGES) {
            if (chosen(page)) {
                figures.add(measure(page));
            }
        }
        List<String> table = new ArrayList<>();
        table.add("| page | route | data | heap per session | to the goal of " + GOAL_KB + " KB | one session's own objects "
                + "| state nodes in the UI |");
        table.add("| --- | --- | --- | --- | --- | --- | --- |");
        SvgBarChart chart = new SvgBarChart("Heap per session with the page open (" + SESSIONS + " sessions)",
                "KB a session").goal(GOAL_KB + " KB goal", GOAL_KB);
        for (Figure figure : figures) {
            table.add(String.format(Locale.ROOT, "| %s | `/%s` | %s | %,d KB | %.2f | %,d KB | %d |", figure.page().name(),
                    figure.page().route(), figure.page().data(), figure.perSession(),
                    figure.perSession() / (double) GOAL_KB, figure.walkedKb(), figure.stateNodes()));
            chart.bar(figure.page().name(), figure.perSession());
        }
        System.out.println("BENCHMARK session memory by page, " + SESSIONS + " sessions each:\n" + String.join("\n", table));
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("session-memory.md"), String.join("\n", table) + "\n", StandardCharsets.UTF_8);
        chart.write(OUT.resolve("session-memory-by-page.svg"));
    }

    private Figure measure(Page page) throws Exception {
        openSessions(WARM_UP, page.route());  // warms up classes, caches and the directory
        endSessions();
        long before = heapAfterFullCollections();
        pauseForAHistogram(page, "before the sessions");
        openSessions(SESSIONS, page.route());
        long after = heapAfterFullCollections();
        pauseForAHistogram(page, "after " + SESSIONS + " sessions");
        int nodes = stateNodesOfAUi();
        List<String> breakdown = breakDown();
        long walked = com.custodian.testsupport.SessionFootprint.bytesOf(breakdown) / 1024;
        if (breakdown.size() > 2) {
            System.out.println("BENCHMARK breakdown of one session on " + page.name() + ":\n" + String.join("\n", breakdown));
        }
        Figure figure = new Figure(page, before / 1024, after / 1024, nodes, walked);
        System.out.printf("BENCHMARK %s page (%s): heap before: %,d KB; after %d sessions: %,d KB (+%,d KB a session, "
                + "%.2f of the %d KB goal); one session's own objects: %,d KB; %d state nodes in a UI%n", page.name(),
                page.data(), figure.heapBeforeKb(), SESSIONS, figure.heapAfterKb(), figure.perSession(),
                figure.perSession() / (double) GOAL_KB, GOAL_KB, walked, nodes);
        endSessions();
        return figure;
    }

    /** With BENCHMARK_PAGES=route,route… only those pages, to look into them; else every one. */
    private static boolean chosen(Page page) {
        String pages = System.getenv("BENCHMARK_PAGES");
        return pages == null || pages.isBlank() || List.of(pages.split(",")).contains(page.route());
    }

    /** With BENCHMARK_PAUSE=seconds, time to take {@code jmap -histo:live} and compare the two. */
    private static void pauseForAHistogram(Page page, String when) throws InterruptedException {
        if (System.getenv("BENCHMARK_PAUSE") != null) {
            System.out.println("BENCHMARK pausing on " + page.name() + " " + when + " for a heap histogram of pid "
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
        confirmTheGridsData(browser, key.group(1), ui.group(1), page.body(), route);
    }

    /**
     * What the browser's grid does next: it confirms the rows it was sent. Until a UI's next request,
     * the server keeps its last response for a client that must resend; after the navigation that
     * is the whole page, and a real browser replaces it at once with this small one. Every page
     * measured has rows, so a grid sent none is a failure, not something to wait for.
     */
    private void confirmTheGridsData(HttpClient browser, String securityKey, String uiId, String page, String route)
            throws Exception {
        Matcher grid = GRID_NODE.matcher(page);
        require(grid.find(), "no grid in the page " + route);
        Matcher update = Pattern.compile("\\[\\{\"@v-node\":" + grid.group(1)
                + "},(\\d+),\"return \\$0\\.\\$connector\\.confirm\\(\\$1\\)\"]").matcher(page);
        require(update.find(), "the grid of " + route + " was sent no rows");
        String confirm = "{\"csrfToken\":\"" + securityKey + "\",\"rpc\":[{\"type\":\"publishedEventHandler\","
                + "\"node\":" + grid.group(1) + ",\"templateEventMethodName\":\"confirmUpdate\","
                + "\"templateEventMethodArgs\":[" + update.group(1) + "],\"promise\":0}],\"syncId\":1,\"clientId\":1}";
        HttpResponse<String> confirmed = browser.send(HttpRequest.newBuilder(url("/?v-r=uidl&v-uiId=" + uiId))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(confirm)).build(), HttpResponse.BodyHandlers.ofString());
        require(confirmed.statusCode() == 200 && confirmed.body().contains("\"syncId\":2")
                && !confirmed.body().contains("resynchronize"), "the grid's confirmation failed on " + route + ": "
                        + confirmed.body());
    }

    /** The server's sessions, as this embedded Tomcat holds them. */
    private List<Session> sessions() {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        Context webapp = (Context) server.getTomcat().getHost().findChildren()[0];
        List<Session> sessions = new ArrayList<>();
        Collections.addAll(sessions, webapp.getManager().findSessions());
        return sessions;
    }

    /** Ends every session as its timeout would: Vaadin and Spring Security let go of what they held. */
    private void endSessions() {
        sessions().forEach(Session::expire);
    }

    /**
     * Where one session's heap goes (see SessionFootprint): its first line the bytes of the objects only
     * that session holds, then with BENCHMARK_BREAKDOWN=lines that many lines by owner. The benchmark
     * profile opens the JDK's packages to the test for the walk.
     */
    private List<String> breakDown() {
        var factory = ((org.springframework.context.ConfigurableApplicationContext) context).getBeanFactory();
        List<Object> shared = new ArrayList<>();
        for (String name : factory.getSingletonNames()) {
            shared.add(factory.getSingleton(name));
        }
        List<Session> open = sessions();
        shared.add(open.get(0).getManager());
        shared.add(open.get(0).getManager().getContext());
        shared.add(open.get(0).getSession().getServletContext());
        for (String name : Collections.list(open.get(0).getSession().getAttributeNames())) {
            if (open.get(0).getSession().getAttribute(name) instanceof VaadinSession vaadin) {
                shared.add(vaadin.getService());
            }
        }
        var footprint = new com.custodian.testsupport.SessionFootprint(shared);
        String lines = System.getenv("BENCHMARK_BREAKDOWN");
        return footprint.report(open.get(0), open.get(1), lines == null || !lines.matches("\\d+") ? 0
                : Integer.parseInt(lines));
    }

    /** The state nodes of one session's UI: the components and features the server keeps for the page. */
    private int stateNodesOfAUi() {
        for (Session session : sessions()) {
            var http = session.getSession();
            for (String name : Collections.list(http.getAttributeNames())) {
                if (http.getAttribute(name) instanceof VaadinSession vaadin) {
                    AtomicInteger count = new AtomicInteger();
                    vaadin.lock();
                    try {
                        for (UI ui : vaadin.getUIs()) {
                            ui.getInternals().getStateTree().getRootNode().visitNodeTree(node -> count.incrementAndGet());
                        }
                    } finally {
                        vaadin.unlock();
                    }
                    return count.get();
                }
            }
        }
        throw new IllegalStateException("no Vaadin session on the server");
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
