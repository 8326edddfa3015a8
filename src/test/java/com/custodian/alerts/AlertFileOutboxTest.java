package com.custodian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

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

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** The default run's delivery: each alert email becomes an .eml file a mail program can open. */
@SpringBootTest
class AlertFileOutboxTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    AlertRulesService rules;
    @Autowired
    DevicesService devices;
    @Autowired
    TelemetryIngestion ingestion;
    @Autowired
    RuleEvaluator evaluator;
    @Autowired
    AlertSender sender;
    @Autowired
    AlertsProperties properties;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> addedUsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from alert_rule");
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
        jdbc.update("delete from device where display_name = 'File outbox test'");
        jdbc.update("delete from device_template where name like 'File outbox test %'");
    }

    @Test
    void theSignedInRecipientsEmailIsWrittenAsAnEmlFile() throws Exception {
        Path outbox = properties.outboxDirectory();
        FileSystemUtils.deleteRecursively(outbox);
        long erin = new TestUsers(context).add(new Identity(directory.tenantId(),
                directory.findPeopleByEmail("erin@contoso.test").getFirst().objectId()), BuiltInRole.APP_OPERATOR);
        addedUsers.add(erin);
        jdbc.update("update app_user set first_sign_in_at = now() where id = ?", erin);
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("File outbox test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        NewDevice device = devices.createDevice("outbox-" + UUID.randomUUID(), "File outbox test", template.id());
        RuleForm form = new RuleForm();
        form.setName("Outbox rule");
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GE, "0"))));
        form.setRecipients("erin@contoso.test, dana@contoso.test");
        rules.save(form);
        SignIn.out();

        ingestion.ingest(device.device().deviceId(), device.key(), "{\"temperature\": 4}".getBytes(StandardCharsets.UTF_8));
        evaluator.awaitIdle();
        sender.sendDue();

        List<Path> files;
        try (Stream<Path> listed = Files.list(outbox)) {
            files = listed.toList();
        }
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).endsWith(".eml");
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage email = new MimeMessage(Session.getInstance(new Properties()), in);
                assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("erin@contoso.test");
                assertThat(email.getSubject()).isEqualTo("Alert: Outbox rule");
                assertThat(email.getMessageID()).isEqualTo("<" + jdbc.queryForObject(
                        "select message_key from alert_email where status = 'SENT'", String.class) + "@custodian>");
                assertThat((String) email.getContent()).contains(device.device().deviceId(), "temperature = 4");
            }
        });
    }
}
