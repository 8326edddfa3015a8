package com.custodian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
import com.custodian.users.UsersService;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * Alerts end to end on MariaDB with GreenMail as the SMTP server: telemetry in over the ingestion
 * service, rules evaluated after the commit, the outbox delivered by the sender under the
 * recipient rule, retries while SMTP is down, and the rate limit.
 */
@SpringBootTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class AlertDeliveryTest {

    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(true);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("custodian.alerts.smtp.host", () -> "127.0.0.1");
        registry.add("custodian.alerts.smtp.port", () -> SMTP_PORT);
        registry.add("custodian.alerts.smtp.starttls", () -> "false");
        registry.add("custodian.alerts.from", () -> "alerts@custodian.test");
        registry.add("custodian.alerts.public-url", () -> "https://custodian.example.com");
    }

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
    UsersService users;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;

    private NewDevice device;
    private final List<Long> addedUsers = new ArrayList<>();
    private long erin;

    @BeforeEach
    void fleetAndPeople() {
        SignIn.as(context, SignIn.ADMIN);
        TemplateSummary template = devices.createTemplate("Delivery test " + UUID.randomUUID(),
                List.of(new FieldSpec("temperature", FieldType.NUMBER, "°C")));
        device = devices.createDevice("fridge-" + UUID.randomUUID(), "Delivery test fridge", template.id());
        TestUsers testUsers = new TestUsers(context);
        // Erin is a user who has signed in; Frank a user who never has; Dana is in the directory but no user.
        erin = testUsers.add(identity("erin@contoso.test"), BuiltInRole.APP_OPERATOR);
        jdbc.update("update app_user set first_sign_in_at = now() where id = ?", erin);
        addedUsers.add(erin);
        addedUsers.add(testUsers.add(identity("frank@contoso.test"), BuiltInRole.APP_OPERATOR));
        RuleForm form = new RuleForm();
        form.setName("Fridge too warm");
        form.setTargetKind(TargetKind.TEMPLATE);
        form.setTemplateId(template.id());
        form.setConditions(new ArrayList<>(List.of(RuleForm.ConditionForm.of("temperature", Operator.GT, "8"))));
        form.setRecipients("erin@contoso.test\nfrank@contoso.test\ndana@contoso.test\nstranger@example.com");
        form.setNote("Move the stock to the spare fridge.");
        rules.save(form);
        SignIn.out();
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from alert_rule");
        addedUsers.forEach(id -> jdbc.update("delete from app_user where id = ?", id));
        jdbc.update("delete from device where display_name = 'Delivery test fridge'");
        jdbc.update("delete from device_template where name like 'Delivery test %'");
    }

    @Test
    void aRuleThatFiresEmailsOnlyTheRecipientWhoIsASignedInUser(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        long logBefore = jdbc.queryForObject("select coalesce(max(id), 0) from system_log", Long.class);
        post(7.5);
        post(9.25);
        sender.sendDue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage email = received[0];
        assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("erin@contoso.test");
        assertThat(email.getSubject()).isEqualTo("Alert: Fridge too warm");
        assertThat(email.getMessageID()).matches("<[0-9a-f-]{36}@custodian>");
        // Decoded: the texts come from the bundle and may hold characters beyond ASCII (quoted-printable).
        String body = (String) email.getContent();
        assertThat(body).contains("Fridge too warm", device.device().deviceId(), "temperature = 9.25",
                "Move the stock to the spare fridge.",
                "https://custodian.example.com/devices/" + device.device().deviceId());
        assertThat(jdbc.queryForList("select status from alert_email order by recipient", String.class))
                .containsExactly("SKIPPED", "SENT", "SKIPPED", "SKIPPED");
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        // The system log has the facts, and no address.
        List<String> logged = jdbc.queryForList("select concat(event, ' ', detail) from system_log where event like 'alert.%' "
                + "order by id desc limit 5", String.class);
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("alert.fired"))
                .anySatisfy(line -> assertThat(line).startsWith("alert.email.sent"))
                .anySatisfy(line -> assertThat(line).startsWith("alert.email.skipped").contains("NOT_A_USER"))
                .allSatisfy(line -> assertThat(line).doesNotContain("@"));
        // The operator reads the same facts in the log output, and no address there either.
        assertThat(output.getOut().lines().filter(line -> line.contains("custodian.system-log")).toList())
                .anySatisfy(line -> assertThat(line).contains("alert.fired"))
                .anySatisfy(line -> assertThat(line).contains("alert.email.sent"))
                .noneSatisfy(line -> assertThat(line).contains("erin@contoso.test"));
        // Evaluated on both requests, fired on one, whenever the minute's summary is written.
        evaluator.summarise();
        long ruleId = jdbc.queryForObject("select id from alert_rule where name = 'Fridge too warm'", Long.class);
        var summaries = jdbc.queryForList("select detail from system_log where id > ? and event = 'alert.rule.evaluated' "
                + "and detail regexp ?", String.class, logBefore, "\"ruleId\":" + ruleId + "[,}]");
        assertThat(summaries.stream().mapToLong(detail -> count(detail, "requests")).sum()).isEqualTo(2);
        assertThat(summaries.stream().mapToLong(detail -> count(detail, "firings")).sum()).isEqualTo(1);
    }

    private static long count(String detail, String field) {
        var matcher = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(detail);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    @Test
    void aMemberOfAnAssignedGroupWhoSignedInGetsEmailsUntilTheGroupLosesItsAssignment() throws Exception {
        long group = new TestUsers(context).addGroup(new Identity(directory.tenantId(),
                com.custodian.directory.local.LocalDirectory.CONTOSO_OPERATORS), BuiltInRole.APP_OPERATOR);
        addedUsers.add(group);
        post(9);
        sender.sendDue();
        assertThat(jdbc.queryForObject("select status from alert_email where recipient = 'dana@contoso.test'",
                String.class)).as("in the group, but never signed in").isEqualTo("SKIPPED");

        context.getBean(com.custodian.security.SignInAccess.class).signIn(identity("dana@contoso.test"),
                com.custodian.security.GroupClaim.UNKNOWN);
        makeDue();
        post(10);
        makeDue();
        sender.sendDue();
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).flatMap(message -> {
            try {
                return java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).contains("dana@contoso.test");

        SignIn.as(context, SignIn.ADMIN);
        users.deleteUsers(List.of(group), false);
        SignIn.out();
        addedUsers.remove(group);
        int received = smtp.getReceivedMessages().length;
        makeDue();
        post(11);
        makeDue();
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).as("Erin's only").hasSize(received + 1);
        assertThat(jdbc.queryForList("select status from alert_email where recipient = 'dana@contoso.test' "
                + "order by id", String.class)).endsWith("SKIPPED");
    }

    @Test
    void aDeletedUsersAddressLeftOnARuleGetsNothing() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        users.deleteUsers(List.of(erin), false, false);
        SignIn.out();
        addedUsers.remove(erin);
        assertThat(rules.rulesCarrying(List.of("erin@contoso.test"))).hasSize(1);
        post(12);
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(jdbc.queryForObject("select status from alert_email where recipient = 'erin@contoso.test'",
                String.class)).as("the rule fired; the address was skipped").isEqualTo("SKIPPED");
    }

    @Test
    void deletingAUserTakesTheirAddressOffEveryRuleInTheSameTransaction() {
        SignIn.as(context, SignIn.ADMIN);
        assertThat(users.references(List.of(erin)).stream().map(com.custodian.base.i18n.Translations::english).toList())
                .singleElement().asString()
                .contains("erin@contoso.test", "1 alert rule", "Fridge too warm");
        users.deleteUsers(List.of(erin), false);
        SignIn.out();
        addedUsers.remove(erin);
        assertThat(jdbc.queryForList("select email from alert_recipient order by email", String.class))
                .containsExactly("dana@contoso.test", "frank@contoso.test", "stranger@example.com");
    }

    @Test
    void whileSmtpIsDownTheOutboxHoldsAndAfterRecoveryEachEmailArrivesOnce() throws Exception {
        smtp.stop();
        post(10);
        sender.sendDue();
        assertThat(jdbc.queryForMap("select status, attempts, last_error from alert_email where recipient = ?",
                "erin@contoso.test")).containsEntry("status", "PENDING").containsEntry("attempts", 1)
                .extractingByKey("last_error").asString().isNotBlank();
        sender.sendDue();
        assertThat(jdbc.queryForObject("select attempts from alert_email where recipient = 'erin@contoso.test'",
                Integer.class)).as("not retried before its delay").isEqualTo(1);
        smtp.start();
        makeDue();
        sender.sendDue();
        sender.sendDue();
        makeDue();
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(jdbc.queryForObject("select status from alert_email where recipient = 'erin@contoso.test'",
                String.class)).isEqualTo("SENT");
    }

    @Test
    void anEmailLeftUnconfirmedByACrashGoesAgainWithTheSameMessageId() throws Exception {
        post(10);
        String key = jdbc.queryForObject("select message_key from alert_email where recipient = 'erin@contoso.test'",
                String.class);
        // A sender claims the emails and dies before confirming: while its claim runs, nobody takes them.
        assertThat(context.getBean(AlertOutbox.class).claimDue(AlertSender.BATCH)).isNotEmpty();
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        // Once the claim has lapsed, the next run sends it, with the same Message-ID.
        jdbc.update("update alert_email set send_after = ? where status = 'SENDING'",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1));
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(email -> assertThat(email.getMessageID()).isEqualTo("<" + key + "@custodian>"));
    }

    @Test
    void firingsWithinTheIntervalAreSummarisedInTheNextEmailNotLost() throws Exception {
        post(10);
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        post(11);
        post(12.5);
        post(13);
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).as("within the interval").hasSize(1);
        assertThat(jdbc.queryForObject("select firings from alert_email where recipient = 'erin@contoso.test' "
                + "and status = 'PENDING'", Integer.class)).isEqualTo(3);
        makeDue();
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        MimeMessage summary = smtp.getReceivedMessages()[1];
        assertThat(summary.getSubject()).isEqualTo("Alert: Fridge too warm fired 3 times");
        assertThat((String) summary.getContent()).contains("temperature = 13", "temperature = 12.5", "temperature = 11",
                "fired 3 times", "at most one email per rule every 1 min");
    }

    private void post(double temperature) throws InterruptedException {
        ingestion.ingest(device.device().deviceId(), device.key(), ("{\"timestamp\":\"" + Instant.now()
                + "\",\"temperature\":" + temperature + "}").getBytes(StandardCharsets.UTF_8));
        evaluator.awaitIdle();
    }

    /** Time passes: waiting emails become due. */
    private void makeDue() {
        jdbc.update("update alert_email set send_after = ? where status = 'PENDING'",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1));
    }

    private Identity identity(String email) {
        return new Identity(directory.tenantId(), directory.findPeopleByEmail(email).getFirst().objectId());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneRecipientsWaitingEmailDoesNotHoldBackTheOthers() throws Exception {
        jdbc.update("update app_user set first_sign_in_at = now() where object_id = ?",
                directory.findPeopleByEmail("frank@contoso.test").getFirst().objectId().toString());
        post(10);
        // Frank's email went; Erin's is still waiting (her mail server refuses, say).
        jdbc.update("update alert_email set status = 'SENT' where recipient = 'frank@contoso.test'");
        post(11);
        assertThat(jdbc.queryForList("select recipient from alert_email where status = 'PENDING' order by recipient",
                String.class)).contains("erin@contoso.test", "frank@contoso.test");
        assertThat(jdbc.queryForObject("select firings from alert_email where recipient = 'erin@contoso.test' "
                + "and status = 'PENDING'", Integer.class)).isEqualTo(2);
    }

    @Test
    void anAddressTakenOffTheRuleGetsNoWaitingEmail() throws Exception {
        post(10);
        SignIn.as(context, SignIn.ADMIN);
        rules.removeAddress("erin@contoso.test");
        SignIn.out();
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(jdbc.queryForObject("select status from alert_email where recipient = 'erin@contoso.test'",
                String.class)).isEqualTo("SKIPPED");
    }
}
