package com.custodian.alerts;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import com.custodian.base.i18n.ApplicationLanguage;
import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers the outbox. Each email is claimed, checked against the recipient rule at send time,
 * sent with its idempotency key as Message-ID, and confirmed; a failure puts it back with a
 * growing delay. The system log records each email sent, skipped (by reason) or retried, by rule
 * and message, never by address. Emails are written in the application's language
 * ({@code custodian.language}).
 */
@Component
class AlertSender {

    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 12;
    static final int LISTED_FIRINGS = 10;
    /** System log events (not texts for people). */
    static final String EMAIL_FAILED = "alert.email.failed";
    static final String EMAIL_RETRIED = "alert.email.retried";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

    private final AlertOutbox outbox;
    private final RecipientCheck recipients;
    private final AlertMailer mailer;
    private final AlertsProperties properties;
    private final MeterRegistry meters;
    private final com.custodian.systemlog.SystemLog systemLog;
    private final Translations translations;
    private final Locale language;
    private final com.custodian.base.jobs.JobLock jobs;
    private final Duration handover;

    AlertSender(AlertOutbox outbox, RecipientCheck recipients, AlertMailer mailer, AlertsProperties properties,
            MeterRegistry meters, com.custodian.systemlog.SystemLog systemLog, Translations translations,
            ApplicationLanguage language, com.custodian.base.jobs.JobLock jobs,
            @org.springframework.beans.factory.annotation.Value("${custodian.jobs.handover-after:30s}") Duration handover,
            @org.springframework.beans.factory.annotation.Value("${custodian.alerts.send-every:2s}") Duration sendEvery) {
        this.jobs = jobs;
        // Renewed after each run, and the next run comes a pause later: the lease spans both.
        this.handover = handover.plus(sendEvery);
        this.systemLog = systemLog;
        this.translations = translations;
        this.language = language.locale();
        this.outbox = outbox;
        this.recipients = recipients;
        this.mailer = mailer;
        this.properties = properties;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("Alert emails go to {}", mailer.describe());
    }

    /** One instance sends at a time: the outbox's claims already keep two from sending one email. */
    @Scheduled(fixedDelayString = "${custodian.alerts.send-every:2s}", initialDelayString = "${custodian.alerts.send-initial-delay:5s}")
    void sendDueWhereHeld() {
        jobs.runAsHolder("alert-sender", handover, this::sendDue);
    }

    void sendDue() {
        int requeued = outbox.requeueUnconfirmed();
        if (requeued > 0) {
            log.info("{} alert emails claimed by a sender that stopped go again", requeued);
        }
        List<AlertOutbox.Email> due;
        do {
            due = outbox.claimDue(BATCH);
            due.forEach(this::deliver);
        } while (due.size() == BATCH);
    }

    private void deliver(AlertOutbox.Email email) {
        if (!outbox.stillRecipient(email)) {
            outbox.skipped(email.id());
            systemLog.record("alert.email.skipped", java.util.Map.of("ruleId", email.ruleId(), "reason", "NOT_ON_RULE"));
            return;
        }
        RecipientStatus status = recipients.status(email.recipient());
        if (status == RecipientStatus.DIRECTORY_UNAVAILABLE) {
            outbox.retryLater(email.id(), backoff(email.attempts()), "directory unavailable", false);
            return;
        }
        if (!status.receives()) {
            outbox.skipped(email.id());
            meters.counter("custodian.alerts.emails", "outcome", "skipped").increment();
            systemLog.record("alert.email.skipped", java.util.Map.of("ruleId", email.ruleId(), "reason", status.name()));
            return;
        }
        Optional<AlertOutbox.Content> content = outbox.content(email, LISTED_FIRINGS);
        if (content.isEmpty()) {
            outbox.skipped(email.id());
            return;
        }
        try {
            mailer.send(message(email, content.get()));
            outbox.sent(email.id());
            meters.counter("custodian.alerts.emails", "outcome", "sent").increment();
            systemLog.record("alert.email.sent", java.util.Map.of("ruleId", email.ruleId(), "message", email.messageKey(),
                    "firings", content.get().firings()));
        } catch (Exception e) {
            boolean giveUp = email.attempts() >= MAX_ATTEMPTS;
            // The mail server's text may quote the address: only the kind of failure is kept and logged.
            outbox.retryLater(email.id(), backoff(email.attempts()), failure(e), giveUp);
            meters.counter("custodian.alerts.emails", "outcome", giveUp ? "failed" : "retry").increment();
            log.warn("Alert email of rule {} not sent (attempt {}{}): {}", email.ruleId(), email.attempts(),
                    giveUp ? ", giving up" : ", will retry", failure(e));
            systemLog.record(giveUp ? EMAIL_FAILED : EMAIL_RETRIED, java.util.Map.of("ruleId",
                    email.ruleId(), "message", email.messageKey(), "attempt", email.attempts(), "failure", failure(e)));
        }
    }

    /** The failure's kinds along its causes, without their messages. */
    static String failure(Throwable e) {
        StringBuilder kinds = new StringBuilder();
        for (Throwable cause = e; cause != null && kinds.length() < 300; cause = cause.getCause()) {
            kinds.append(kinds.isEmpty() ? "" : " < ").append(cause.getClass().getSimpleName());
        }
        return kinds.toString();
    }

    /** 15 s, 30 s, 1 min, … at most 30 min. */
    static Duration backoff(int attempts) {
        long seconds = 15L << Math.min(Math.max(attempts - 1, 0), 7);
        return Duration.ofSeconds(Math.min(seconds, 1800));
    }

    private MimeMessage message(AlertOutbox.Email email, AlertOutbox.Content content) throws Exception {
        MimeMessage message = mailer.newMessage("<" + email.messageKey() + "@custodian>");
        message.setFrom(new InternetAddress(properties.from()));
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(email.recipient()));
        message.setHeader("X-Custodian-Rule", String.valueOf(email.ruleId()));
        String subject = content.firings() > 1 ? text("alerts.email.subject.repeated", content.ruleName(), content.firings())
                : text("alerts.email.subject", content.ruleName());
        message.setSubject(subject, "UTF-8");
        message.setText(body(email, content), "UTF-8");
        message.setSentDate(new java.util.Date());
        return message;
    }

    String body(AlertOutbox.Email email, AlertOutbox.Content content) {
        StringBuilder body = new StringBuilder();
        if (content.firings() > 1) {
            Text interval = properties.emailInterval().toMinutes() > 0
                    ? Text.of("alerts.email.interval.minutes", properties.emailInterval().toMinutes())
                    : Text.of("alerts.email.interval.seconds", properties.emailInterval().toSeconds());
            body.append(email.firstFiringAt().equals(email.lastFiringAt())
                    ? text("alerts.email.fired-times-at", content.ruleName(), content.firings(),
                            TIME.format(email.firstFiringAt()), interval)
                    : text("alerts.email.fired-times-between", content.ruleName(), content.firings(),
                            TIME.format(email.firstFiringAt()), TIME.format(email.lastFiringAt()), interval))
                    .append('\n');
        } else {
            body.append(text("alerts.email.fired-at", content.ruleName(), TIME.format(email.firstFiringAt()))).append('\n');
        }
        if (content.note() != null) {
            body.append('\n').append(text("alerts.email.note", content.note())).append('\n');
        }
        body.append('\n');
        if (content.latest().isEmpty()) {
            body.append(text("alerts.email.erased")).append('\n');
        } else {
            if (content.firings() > content.latest().size()) {
                body.append(text("alerts.email.latest", content.latest().size())).append('\n');
            }
            for (AlertOutbox.FiringLine firing : content.latest()) {
                body.append("- ").append(firing.deviceName()).append(" (").append(firing.deviceId()).append("), ")
                        .append(TIME.format(firing.observedAt())).append(": ")
                        .append(com.custodian.base.i18n.StoredText.read(firing.observed(), translations, language)).append('\n')
                        .append("  ").append(deviceLink(firing.deviceId())).append('\n');
            }
        }
        body.append('\n').append(text("alerts.email.why")).append('\n');
        return body.toString();
    }

    private String text(String key, Object... arguments) {
        return translations.text(language, key, arguments);
    }

    private String deviceLink(String deviceId) {
        String base = properties.publicUrl().endsWith("/") ? properties.publicUrl() : properties.publicUrl() + "/";
        return base + "devices/" + UriUtils.encodePathSegment(deviceId, java.nio.charset.StandardCharsets.UTF_8);
    }
}
