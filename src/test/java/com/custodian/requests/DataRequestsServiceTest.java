package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import com.custodian.base.i18n.Translations;
import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.base.personaldata.Holding;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TelemetryIngestion;
import com.custodian.devices.TemplateSummary;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Customer data requests on MariaDB: the register's rules, and whole flows for a person and for devices. */
@SpringBootTest
class DataRequestsServiceTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataRequestsService requests;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryIngestion ingestion;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> addedUsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        SignIn.out();
        jdbc.update("delete from data_request");
        jdbc.update("delete from alert_rule");
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
        jdbc.update("delete from device where display_name = 'Request test'");
        jdbc.update("delete from device_template where name like 'Request test %'");
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAtFaultAndNothingIsStored() {
        SignIn.as(context, SignIn.ADMIN);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, NewRequest> bad = new LinkedHashMap<>();
        bad.put("type", new NewRequest(null, "erin@contoso.test", today, "", ""));
        bad.put("subject", new NewRequest(RequestType.ACCESS, " ", today, "", ""));
        bad.put("subject ", new NewRequest(RequestType.ACCESS, "erin@", today, "", ""));
        bad.put("subject  ", new NewRequest(RequestType.ACCESS, "device one!", today, "", ""));
        bad.put("subject   ", new NewRequest(RequestType.ACCESS, "erin@contoso.test\u0007", today, "", ""));
        bad.put("receivedOn", new NewRequest(RequestType.ACCESS, "erin@contoso.test", today.plusDays(1), "", ""));
        bad.put("receivedOn ", new NewRequest(RequestType.ACCESS, "erin@contoso.test", null, "", ""));
        bad.put("reference", new NewRequest(RequestType.ACCESS, "erin@contoso.test", today, "x\ny", ""));
        bad.put("note", new NewRequest(RequestType.ACCESS, "erin@contoso.test", today, "", "n".repeat(2001)));
        bad.forEach((field, request) -> assertThatThrownBy(() -> requests.open(request)).as(field)
                .isInstanceOfSatisfying(DataRequestException.class, e -> assertThat(e.field()).isEqualTo(field.strip())));
        assertThat(requests.count()).isZero();
        requests.open(new NewRequest(RequestType.ACCESS, "erin@contoso.test", today, "REF-1", ""));
        assertThatThrownBy(() -> requests.open(new NewRequest(RequestType.ACCESS, "erin@contoso.test", today, "ref-1", "")))
                .isInstanceOfSatisfying(DataRequestException.class, e -> assertThat(e.field()).isEqualTo("reference"));
        assertThat(requests.count()).isEqualTo(1);
        requests.open(new NewRequest(RequestType.ACCESS, "frank@contoso.test", today.minusDays(3), "REF-2", ""));
        requests.open(new NewRequest(RequestType.ACCESS, "dana@contoso.test", today.minusDays(6), "REF-3", ""));
        assertThat(requests.list(0, 3)).extracting(RequestRow::reference).containsExactly("REF-3", "REF-2", "REF-1");
        assertThat(requests.list(1, 2)).extracting(RequestRow::reference).as("any offset").containsExactly("REF-2", "REF-1");
    }

    @Test
    void dueDatesFollowTheMonthAndItsExtensions() {
        SignIn.as(context, SignIn.ADMIN);
        LocalDate received = LocalDate.now(ZoneOffset.UTC).minusDays(40);
        RequestRow request = requests.open(new NewRequest(RequestType.EXPORT, "Erin@Contoso.test", received, "", ""));
        assertThat(request.subject()).isEqualTo("erin@contoso.test");
        assertThat(request.reference()).startsWith("DR-");
        assertThat(request.dueOn()).isEqualTo(received.plusMonths(1));
        assertThat(request.dueState()).isEqualTo(DueState.OVERDUE);
        assertThatThrownBy(() -> requests.extend(request.id(), 1, " ")).isInstanceOfSatisfying(DataRequestException.class,
                e -> assertThat(e.field()).isEqualTo("reason"));
        assertThat(requests.extend(request.id(), 1, "Many systems to search").dueOn()).isEqualTo(received.plusMonths(2));
        RequestRow twice = requests.extend(request.id(), 1, "Still searching");
        assertThat(twice.dueOn()).isEqualTo(received.plusMonths(3));
        assertThat(twice.dueState()).isEqualTo(DueState.ON_TIME);
        assertThatThrownBy(() -> requests.extend(request.id(), 1, "Again")).isInstanceOfSatisfying(
                DataRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("extension");
                    assertThat(e.problem()).isEqualTo(DataRequestProblem.EXTENSION_TOO_LONG);
                    assertThat(e.getMessage()).as("English, for the log and the API")
                            .isEqualTo("A request may be extended by at most 2 months in all; it already was by 2 months.");
                });
        assertThat(requests.openCount()).isEqualTo(1);
        requests.reject(request.id(), "Identity not confirmed");
        assertThat(requests.openCount()).isZero();
    }

    @Test
    void dueStateWithAFixedDay() {
        DataRequest request = new DataRequest("R", RequestType.ACCESS, SubjectKind.PERSON, "a@b.c", "s", "h",
                LocalDate.of(2026, 1, 31), null, UUID.randomUUID(), Instant.EPOCH);
        assertThat(request.getDueOn()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(request.dueState(LocalDate.of(2026, 2, 20))).isEqualTo(DueState.ON_TIME);
        assertThat(request.dueState(LocalDate.of(2026, 2, 21))).isEqualTo(DueState.DUE_SOON);
        assertThat(request.dueState(LocalDate.of(2026, 2, 28))).isEqualTo(DueState.DUE_SOON);
        assertThat(request.dueState(LocalDate.of(2026, 3, 1))).isEqualTo(DueState.OVERDUE);
    }

    @Test
    void aPersonWhoIsAUserAndAnAlertRecipientIsFoundExportedAndErased() throws Exception {
        UUID erin = directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId();
        addedUsers.add(new TestUsers(context).add(new Identity(directory.tenantId(), erin), BuiltInRole.APP_OPERATOR,
                BuiltInRole.APP_BUILDER));
        SignIn.as(context, SignIn.ADMIN);
        rules.save(rule("Lobby", "erin@contoso.test, operator@contoso.test"));
        rules.save(rule("Warehouse", "erin@contoso.test"));
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "erin@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", "By letter"));

        Discovery found = requests.discover(request.id());
        assertThat(found.identifiers().stream().map(Translations::english).toList()).contains("email address erin@contoso.test", "Entra object ID " + erin);
        assertThat(holding(found, "users").records()).isEqualTo(1);
        assertThat(holding(found, "alert rules").records()).isEqualTo(2);
        assertThat(holding(found, "devices").isEmpty()).isTrue();
        assertThat(found.notIncluded().stream().map(Translations::english).toList()).anySatisfy(line -> assertThat(line).startsWith("System-generated logs"));

        Map<String, byte[]> files = export(request.id());
        assertThat(files).containsKeys("users.json", "alert-rules.csv", "alert-emails.csv", "data-requests.csv",
                "manifest.json").doesNotContainKey("telemetry.csv");
        JsonNode manifest = JsonMapper.builder().build().readTree(files.get("manifest.json"));
        assertThat(manifest.get("request").asString()).isEqualTo(request.reference());
        assertThat(manifest.get("users").asLong()).isEqualTo(1);
        assertThat(manifest.get("alertRulesNamingSubject").asLong()).isEqualTo(2);
        assertThat(manifest.get("excluded").toString()).contains("System-generated logs");
        assertThat(new String(files.get("alert-rules.csv"), StandardCharsets.UTF_8)).doesNotContain("operator@");
        assertThat(requests.request(request.id()).status()).isEqualTo(RequestStatus.IN_PROGRESS);

        // The same bundle prepared in the background, as the page does it.
        ExportJobs jobs = context.getBean(ExportJobs.class);
        String job = jobs.start(request.id());
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jobs.progress(job).orElseThrow().finished());
        assertThat(jobs.progress(job).orElseThrow().failure()).isNull();
        assertThat(jobs.progress(job).orElseThrow().fraction()).isEqualTo(1.0);
        ByteArrayOutputStream prepared = new ByteArrayOutputStream();
        jobs.download(job, prepared);
        Map<String, byte[]> preparedFiles = unzip(prepared.toByteArray());
        assertThat(preparedFiles.keySet()).isEqualTo(files.keySet());
        assertThat(preparedFiles.get("users.json")).isEqualTo(files.get("users.json"));
        assertThatThrownBy(() -> jobs.download(job, new ByteArrayOutputStream())).as("once only")
                .isInstanceOf(DataRequestException.class);

        // Another instance prepares the same bundle; the erasure is made here.
        ExportJobs elsewhere = new ExportJobs(requests, context.getBean(java.time.Clock.class),
                context.getBean(com.custodian.base.i18n.Translations.class),
                java.nio.file.Files.createTempDirectory("custodian-exports-elsewhere-").toString());
        String elsewhereJob = elsewhere.start(request.id());
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> elsewhere.progress(elsewhereJob).orElseThrow().finished());
        elsewhere.discardErasedElsewhere();
        assertThat(elsewhere.progress(elsewhereJob)).as("kept while the subject is not erased").isPresent();
        java.nio.file.Path elsewhereFile;
        try (var listed = java.nio.file.Files.list(java.nio.file.Path.of(elsewhere.directory()))) {
            elsewhereFile = listed.filter(f -> f.getFileName().toString().startsWith("export-")).findFirst().orElseThrow();
        }

        long version = requests.request(request.id()).version();
        RequestRow done = requests.erase(request.id(), version);
        addedUsers.clear();
        SignIn.out(); // the scheduler's thread has nobody signed in
        elsewhere.discardErasedElsewhere();
        SignIn.as(context, SignIn.ADMIN);
        assertThat(elsewhere.progress(elsewhereJob)).as("gone on the other instance too").isEmpty();
        assertThat(elsewhereFile).as("its file deleted").doesNotExist();
        assertThatThrownBy(() -> elsewhere.download(elsewhereJob, new ByteArrayOutputStream()))
                .isInstanceOf(DataRequestException.class);
        assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(done.subject()).startsWith("sha256:").doesNotContain("erin");
        JsonNode receipt = JsonMapper.builder().build().readTree(done.receipt());
        assertThat(receipt.get("erased").get("users").get("users").asLong()).isEqualTo(1);
        assertThat(receipt.get("erased").get("users").get("roleAssignments").asLong()).isEqualTo(2);
        assertThat(receipt.get("erased").get("alert rules").get("alertRulesAddressRemovedFrom").asLong()).isEqualTo(2);
        assertThat(done.receipt()).doesNotContain("erin");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where actor = ? or target = ?", Integer.class,
                erin.toString(), erin.toString())).as("no entry names her any more").isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target = ?", Integer.class,
                "subject of " + request.reference())).as("they name the request's pseudonym").isPositive();
        String salt = jdbc.queryForObject("select subject_salt from data_request where id = ?", String.class, request.id());
        assertThat(done.subject()).isEqualTo("sha256:" + DataRequestsService.hash(salt, "erin@contoso.test"));

        // A second discovery finds nothing left.
        SignIn.as(context, SignIn.ADMIN);
        RequestRow again = requests.open(new NewRequest(RequestType.ACCESS, "erin@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        Discovery second = requests.discover(again.id());
        assertThat(second.holdings()).filteredOn(h -> !h.category().equals("data requests")).allMatch(Holding::isEmpty);
        assertThat(holding(second, "data requests").details().stream().map(Translations::english).toList()).singleElement().asString().contains(again.reference());
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("operator@contoso.test");
    }

    @Test
    void aGroupMemberIsFoundWithTheAccessTheGroupGivesExportedAndErasedWhileTheGroupStays() throws Exception {
        UUID dana = directory.findPeopleByEmail("dana@contoso.test").getFirst().objectId();
        long group = new TestUsers(context).addGroup(new Identity(directory.tenantId(),
                com.custodian.directory.local.LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR);
        addedUsers.add(group);
        context.getBean(com.custodian.security.SignInAccess.class).signIn(new Identity(directory.tenantId(), dana),
                com.custodian.security.GroupClaim.UNKNOWN);
        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "dana@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));

        Discovery found = requests.discover(request.id());
        List<String> details = holding(found, "users").details().stream().map(Translations::english).toList();
        assertThat(details).anySatisfy(line -> assertThat(line)
                .isEqualTo(dana + " is a member of Contoso Operators, which holds App Operator"));
        assertThat(details).anySatisfy(line -> assertThat(line).startsWith(dana + " signed in through group Contoso Operators"));
        assertThat(holding(found, "users").records()).as("the sign-in record; membership is not Custodian's")
                .isEqualTo(1);
        assertThat(found.notIncluded().stream().map(Translations::english).toList())
                .anySatisfy(line -> assertThat(line).startsWith("Membership of Microsoft Entra groups"));

        Map<String, byte[]> files = export(request.id());
        JsonNode users = JsonMapper.builder().build().readTree(files.get("users.json"));
        assertThat(users.get("accessThroughGroups").get(0).get("groupName").asString()).isEqualTo("Contoso Operators");
        assertThat(users.get("accessThroughGroups").get(0).get("roles").get(0).asString()).isEqualTo("App Operator");
        assertThat(users.get("signInsThroughGroups").size()).isEqualTo(1);

        RequestRow done = requests.erase(request.id(), requests.request(request.id()).version());
        JsonNode receipt = JsonMapper.builder().build().readTree(done.receipt());
        assertThat(receipt.get("erased").get("users").get("signInsThroughGroups").asLong()).isEqualTo(1);
        assertThat(receipt.get("notErased").toString()).contains("Membership of Microsoft Entra groups");
        assertThat(jdbc.queryForObject("select count(*) from group_sign_in where object_id = ?", Integer.class,
                dana.toString())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, group))
                .as("a group is not personal data: its assignment stays").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where actor = ? or target = ?", Integer.class,
                dana.toString(), dana.toString())).isZero();
    }

    @Test
    void devicesAreFoundExportedAndErasedWithTheirTelemetry() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Request test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        NewDevice car = devices.createDevice("car-" + UUID.randomUUID(), "Request test", template.id());
        ingestion.ingest(car.device().deviceId(), car.key(), ("[{\"timestamp\":\"" + Instant.now().minusSeconds(5)
                + "\",\"temperature\":1},{\"temperature\":2}]").getBytes(StandardCharsets.UTF_8));
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, car.device().deviceId() + ", gone-device",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        assertThat(holding(requests.discover(request.id()), "devices").details().stream().map(Translations::english).toList()).singleElement().asString()
                .contains(car.device().deviceId(), "2 telemetry values", "in Whole application");
        Map<String, byte[]> files = export(request.id());
        assertThat(new String(files.get("telemetry.csv"), StandardCharsets.UTF_8).lines()).hasSize(3);

        RequestRow done = requests.erase(request.id(), requests.request(request.id()).version());
        JsonNode receipt = JsonMapper.builder().build().readTree(done.receipt());
        assertThat(receipt.get("erased").get("devices").get("telemetryPoints").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from device where device_id = ?", Integer.class,
                car.device().deviceId())).isZero();
        assertThat(done.subject()).doesNotContain("car-");
    }

    @Test
    void onlyTheDataRequestsPermissionReachesTheRegister() {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow request = requests.open(new NewRequest(RequestType.ERASURE, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", ""));
        for (String who : List.of(SignIn.BUILDER, SignIn.OPERATOR, SignIn.NO_ROLE)) {
            SignIn.as(context, who);
            assertThatThrownBy(() -> requests.list(0, 10)).as(who).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> requests.discover(request.id())).as(who).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> requests.export(request.id(), new ByteArrayOutputStream())).as(who)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> requests.erase(request.id(), 0)).as(who).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> requests.open(new NewRequest(RequestType.ACCESS, "x@example.com",
                    LocalDate.now(ZoneOffset.UTC), "", ""))).as(who).isInstanceOf(AccessDeniedException.class);
        }
        SignIn.as(context, SignIn.ADMIN);
        assertThat(requests.list(0, 10)).hasSize(1);
    }

    private Map<String, byte[]> export(long id) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        requests.export(id, zip);
        return unzip(zip.toByteArray());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static Holding holding(Discovery discovery, String category) {
        return discovery.holdings().stream().filter(h -> h.category().equals(category)).findFirst().orElseThrow();
    }

    private static RuleForm rule(String name, String recipients) {
        RuleForm form = new RuleForm();
        form.setName(name);
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "30"))));
        form.setRecipients(recipients);
        return form;
    }
}
