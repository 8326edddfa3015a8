package com.custodian.base.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.base.i18n.Translations;
import com.custodian.devices.DevicesService;
import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.NewDevice;
import com.custodian.devices.TelemetryIngestion;
import com.custodian.devices.TemplateSummary;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.custodian.users.UsersException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personal-data contract on MariaDB: every table is covered by a feature or declared
 * non-personal, and each feature finds, exports and erases what it holds about a subject.
 */
@SpringBootTest
class PersonalDataContractTest {

    private static final Set<String> SCHEMA_BOOKKEEPING = Set.of("databasechangelog", "databasechangeloglock");

    @Autowired
    ApplicationContext context;
    @Autowired
    List<PersonalData> features;
    @Autowired
    List<NonPersonalData> declarations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryIngestion ingestion;
    @Autowired
    com.custodian.alerts.AlertRulesService rules;

    private final List<Long> addedUsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        SignIn.out();
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from device where display_name = 'Contract test'");
        jdbc.update("delete from device_template where name like 'Contract test %'");
    }

    @Test
    void everyTableIsCoveredByAFeatureOrDeclaredNonPersonal() {
        Map<String, List<String>> coveredBy = new HashMap<>();
        features.forEach(feature -> feature.tables()
                .forEach(table -> coveredBy.computeIfAbsent(table, t -> new ArrayList<>()).add(feature.category())));
        declarations.forEach(declaration -> declaration.nonPersonalTables().forEach((table, reason) -> {
            assertThat(reason).as("the reason %s holds no personal data", table).isNotBlank();
            coveredBy.computeIfAbsent(table, t -> new ArrayList<>()).add("non-personal");
        }));
        List<String> tables = jdbc.queryForList("select lower(table_name) from information_schema.tables "
                + "where table_schema = database() and table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("app_user", "telemetry");
        for (String table : tables) {
            if (!SCHEMA_BOOKKEEPING.contains(table)) {
                assertThat(coveredBy.get(table)).as("what covers table %s (a table holding personal data needs a "
                        + "PersonalData implementation; one holding none, a NonPersonalData declaration)", table)
                        .isNotNull().hasSize(1);
            }
        }
        assertThat(tables).containsAll(coveredBy.keySet());
    }

    @Test
    void aPersonIsFoundExportedAndErasedWithTheirRolesAndTheirTraces() throws Exception {
        TestUsers users = new TestUsers(context);
        UUID subject = UUID.randomUUID();
        addedUsers.add(users.add(new Identity(tenant(), subject), BuiltInRole.APP_OPERATOR, BuiltInRole.APP_BUILDER));
        long other = users.add(new Identity(tenant(), UUID.randomUUID()), BuiltInRole.APP_OPERATOR);
        addedUsers.add(other);
        jdbc.update("update app_user set added_by = ? where id = ?", subject.toString(), other);
        DataSubject person = new DataSubject.Person(Set.of(subject), Set.of());

        SignIn.as(context, SignIn.ADMIN);
        Holding found = feature("users").find(person);
        assertThat(found.records()).isEqualTo(2);
        assertThat(found.details().stream().map(Translations::english).toList()).anySatisfy(line -> assertThat(line).contains(subject.toString()))
                .anySatisfy(line -> assertThat(line).contains("added 1 other user"));
        assertThat(feature("devices").find(person).isEmpty()).isTrue();

        Map<String, byte[]> files = export(person);
        JsonNode exported = JsonMapper.builder().build().readTree(files.get("users.json"));
        assertThat(exported.get("users")).singleElement().satisfies(user -> {
            assertThat(user.get("objectId").asString()).isEqualTo(subject.toString());
            assertThat(user.get("roles").toString()).contains("App Operator", "App Builder");
        });
        assertThat(exported.get("usersAddedBySubject").asLong()).isEqualTo(1);
        JsonNode manifest = checkedManifest(files);
        assertThat(manifest.get("users").asLong()).isEqualTo(1);
        assertThat(manifest.get("roleAssignments").asLong()).isEqualTo(2);
        assertThat(manifest.get("excluded").toString()).contains("other people’s identifiers",
                "the application keeps none");

        Map<String, Erased> erased = eraseAll(person);
        assertThat(erased.get("users").counts()).containsEntry("users", 1L).containsEntry("roleAssignments", 2L)
                .containsEntry("addedByReferences", 1L);
        assertThat(erased.get("devices").total()).isZero();
        assertThat(feature("users").find(person).isEmpty()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from role_assignment ra join app_user u on u.id = ra.user_id "
                + "where u.object_id = ?", Integer.class, subject.toString())).isZero();
        assertThat(jdbc.queryForObject("select added_by from app_user where id = ?", String.class, other)).isNull();
    }

    @Test
    void aPersonsAddressIsFoundExportedAndTakenOffEveryRule() throws Exception {
        String address = "subject-" + UUID.randomUUID() + "@example.com";
        SignIn.as(context, SignIn.ADMIN);
        for (String name : List.of("Contract rule A", "Contract rule B")) {
            com.custodian.alerts.RuleForm rule = new com.custodian.alerts.RuleForm();
            rule.setName(name);
            rule.setConditions(new ArrayList<>(List.of(com.custodian.alerts.RuleForm.ConditionForm.of("temperature",
                    com.custodian.alerts.Operator.GT, "30"))));
            rule.setRecipients(address + ", colleague@example.com");
            rules.save(rule);
        }
        DataSubject person = new DataSubject.Person(Set.of(), Set.of(address.toUpperCase()));
        Holding found = feature("alert rules").find(person);
        assertThat(found.records()).isEqualTo(2);
        assertThat(found.details().stream().map(Translations::english).toList()).singleElement().asString().contains("Contract rule A", "Contract rule B");

        Map<String, byte[]> files = export(person);
        String onRules = new String(files.get("alert-rules.csv"), StandardCharsets.UTF_8);
        assertThat(onRules).contains(address, "Contract rule A").doesNotContain("colleague@example.com");
        assertThat(checkedManifest(files).get("alertRulesNamingSubject").asLong()).isEqualTo(2);

        Map<String, Erased> erased = eraseAll(person);
        assertThat(erased.get("alert rules").counts()).containsEntry("alertRulesAddressRemovedFrom", 2L);
        assertThat(feature("alert rules").find(person).isEmpty()).isTrue();
        assertThat(jdbc.queryForList("select email from alert_recipient", String.class))
                .containsExactly("colleague@example.com", "colleague@example.com");
    }

    @Test
    void aDeviceIsFoundExportedAndErasedWithItsTelemetry() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Contract test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        NewDevice device = devices.createDevice("contract-" + UUID.randomUUID(), "Contract test", template.id());
        Instant now = Instant.now();
        ingestion.ingest(device.device().deviceId(), device.key(), ("[{\"timestamp\":\"" + now.minusSeconds(2)
                + "\",\"temperature\":1},{\"timestamp\":\"" + now.minusSeconds(1) + "\",\"temperature\":2}]")
                .getBytes(StandardCharsets.UTF_8));
        DataSubject subject = new DataSubject.Devices(Set.of(device.device().deviceId(), "no-such-device"));

        Holding found = feature("devices").find(subject);
        assertThat(found.records()).isEqualTo(1);
        assertThat(found.details().stream().map(Translations::english).toList()).singleElement().asString().contains(device.device().deviceId(), "2 telemetry values");
        assertThat(feature("users").find(subject).isEmpty()).isTrue();

        Map<String, byte[]> files = export(subject);
        assertThat(new String(files.get("telemetry.csv"), StandardCharsets.UTF_8).lines()).hasSize(3);
        assertThat(checkedManifest(files).get("telemetryPoints").asLong()).isEqualTo(2);

        Map<String, Erased> erased = eraseAll(subject);
        assertThat(erased.get("devices").counts()).containsEntry("devices", 1L).containsEntry("telemetryPoints", 2L);
        assertThat(feature("devices").find(subject).isEmpty()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from telemetry where device_ref = ?", Integer.class,
                device.device().id())).isZero();
    }

    @Test
    void anErasureThatWouldLeaveNoAdministratorErasesNothing() {
        List<String> administrators = jdbc.queryForList("select u.object_id from app_user u join role_assignment ra "
                + "on ra.user_id = u.id where ra.role_id = ? and u.principal_type = 'PERSON'", String.class,
                BuiltInRole.APP_ADMINISTRATOR.id().toString());
        assertThat(administrators).isNotEmpty();
        long usersBefore = jdbc.queryForObject("select count(*) from app_user", Long.class);
        Set<UUID> all = new HashSet<>(administrators.stream().map(UUID::fromString).toList());
        SignIn.as(context, SignIn.ADMIN);
        assertThatThrownBy(() -> eraseAll(new DataSubject.Person(all, Set.of()))).isInstanceOf(UsersException.class);
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isEqualTo(usersBefore);
    }

    @Test
    void eachFeatureRefusesCallersWithoutThePermissionAndErasesOnlyInsideATransaction() {
        DataSubject subject = new DataSubject.Person(Set.of(UUID.randomUUID()), Set.of("someone@contoso.test"));
        SignIn.as(context, SignIn.OPERATOR);
        for (PersonalData feature : features) {
            assertThatThrownBy(() -> feature.find(subject)).as(feature.category()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> feature.export(subject, new ExportBundle(new ByteArrayOutputStream(), Instant.now())))
                    .as(feature.category()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> transaction.execute(status -> feature.erase(subject)))
                    .as(feature.category()).isInstanceOf(AccessDeniedException.class);
        }
        SignIn.as(context, SignIn.ADMIN);
        for (PersonalData feature : features) {
            assertThatThrownBy(() -> feature.erase(subject)).as(feature.category())
                    .isInstanceOf(IllegalTransactionStateException.class);
        }
    }

    private PersonalData feature(String category) {
        return features.stream().filter(feature -> feature.category().equals(category)).findFirst().orElseThrow();
    }

    private Map<String, byte[]> export(DataSubject subject) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ExportBundle bundle = new ExportBundle(zip, Instant.now());
        features.forEach(feature -> feature.export(subject, bundle));
        bundle.finish();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** The manifest, after checking each file's SHA-256 against it. */
    private static JsonNode checkedManifest(Map<String, byte[]> files) throws Exception {
        JsonNode manifest = JsonMapper.builder().build().readTree(files.get("manifest.json"));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().equals("manifest.json")) {
                assertThat(manifest.get("sha256").get(file.getKey()).asString()).as(file.getKey()).isEqualTo(
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.getValue())));
            }
        }
        return manifest;
    }

    private Map<String, Erased> eraseAll(DataSubject subject) {
        return transaction.execute(status -> {
            Map<String, Erased> erased = new LinkedHashMap<>();
            features.forEach(feature -> erased.put(feature.category(), feature.erase(subject)));
            return erased;
        });
    }

    private UUID tenant() {
        return UUID.fromString(jdbc.queryForObject("select tenant_id from app_user limit 1", String.class));
    }
}
