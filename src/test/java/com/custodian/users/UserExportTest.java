package com.custodian.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.base.export.ExportFormat;
import com.custodian.directory.DirectoryService;
import com.custodian.security.Identity;
import com.custodian.testsupport.SignIn;

import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exports parsed back and compared with what is stored, and what they cost. */
@SpringBootTest
class UserExportTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    UserExportService exports;
    @Autowired
    UsersService users;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    private final List<Long> added = new ArrayList<>();

    @BeforeEach
    void signIn() {
        SignIn.as(context, SignIn.ADMIN);
    }

    @AfterEach
    void cleanUp() {
        SignIn.out();
        added.forEach(new TestUsers(context)::remove);
    }

    @Test
    void jsonOfSelectedUsersHoldsWhatIsStoredAndWhatTheDirectorySays() {
        List<UserRow> all = users.listUsers(Pageable.ofSize(100));
        UserRow admin = all.stream().filter(r -> "admin@contoso.test".equals(r.email())).findFirst().orElseThrow();
        UserRow orphan = all.stream().filter(r -> r.email() == null && r.displayName() == null).findFirst().orElseThrow();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = exports.export(ExportFormat.JSON, List.of(admin.id(), orphan.id()), out);

        assertThat(written).isEqualTo(2);
        JsonNode parsed = JsonMapper.builder().build().readTree(out.toByteArray());
        Map<String, JsonNode> byObjectId = new java.util.HashMap<>();
        parsed.forEach(node -> byObjectId.put(node.get("objectId").asString(), node));
        JsonNode adminNode = byObjectId.get(admin.objectId().toString());
        assertThat(adminNode.get("email").asString()).isEqualTo("admin@contoso.test");
        assertThat(adminNode.get("name").asString()).isEqualTo("Adele Vance");
        assertThat(adminNode.get("tenantId").asString()).isEqualTo(directory.tenantId().toString());
        assertThat(adminNode.get("type").asString()).isEqualTo("PERSON");
        assertThat(adminNode.get("roles").get(0).asString()).isEqualTo("App Administrator");
        assertThat(adminNode.get("addedAt").asString()).isEqualTo(admin.addedAt().toString());
        JsonNode orphanNode = byObjectId.get(orphan.objectId().toString());
        assertThat(orphanNode.get("email").isNull()).isTrue();
        assertThat(orphanNode.get("directoryStatus").asString()).isEqualTo("NOT_IN_DIRECTORY");
    }

    @Test
    void csvOfAllUsersHasOneLinePerStoredUser() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = exports.exportAll(ExportFormat.CSV, out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        long stored = jdbc.queryForObject("select count(*) from app_user", Long.class);
        assertThat(written).isEqualTo(stored);
        assertThat(lines).hasSize((int) stored + 1);
        assertThat(lines.getFirst()).isEqualTo(String.join(",", UserExportService.COLUMNS));
        assertThat(lines).anyMatch(line -> line.contains("admin@contoso.test") && line.contains("Adele Vance"));
    }

    @Test
    void anEmptySelectionExportsNobody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(exports.export(ExportFormat.CSV, List.of(), out)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(String.join(",", UserExportService.COLUMNS));
        assertThat(exports.copyText(List.of()).lines()).hasSize(1);
    }

    @Test
    void copiedTextIsTabSeparatedWithAHeader() {
        UserRow admin = users.listUsers(new UserQuery("admin@contoso.test", null), Pageable.ofSize(5)).getFirst();
        String text = exports.copyText(List.of(admin.id()));
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split("\t")).containsExactlyElementsOf(UserExportService.COLUMNS);
        assertThat(lines.get(1).split("\t")).contains(admin.objectId().toString(), "admin@contoso.test", "Adele Vance");
    }

    @Test
    void exportingCostsStatementsInProportionToPagesNotUsers() {
        UUID tenant = directory.tenantId();
        TestUsers testUsers = new TestUsers(context);
        IntStream.range(0, 1200).forEach(i -> added.add(testUsers.add(new Identity(tenant, UUID.randomUUID()),
                BuiltInRole.APP_OPERATOR)));
        long stored = jdbc.queryForObject("select count(*) from app_user", Long.class);
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();

        long written = exports.exportAll(ExportFormat.CSV, java.io.OutputStream.nullOutputStream());

        long pages = stored / UserExportService.PAGE + 1;
        assertThat(written).isEqualTo(stored);
        assertThat(statistics.getPrepareStatementCount()).as("statements for %d users in %d pages", stored, pages)
                .isLessThanOrEqualTo(2 * pages + 1); // and the organizations' names, once
        String selectedCsv = selectedExport(added.subList(0, 600));
        assertThat(selectedCsv.lines().count()).isEqualTo(601);
        assertThat(selectedCsv.lines().skip(1).map(line -> line.split(",")[0]).collect(Collectors.toSet())).hasSize(600);
    }

    private String selectedExport(List<Long> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.export(ExportFormat.CSV, ids, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
