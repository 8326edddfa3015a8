package com.custodian.alerts;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Where alert emails go: an SMTP server, or (the default run) {@code .eml} files. */
interface AlertMailer {

    /** A message whose Message-ID stays the given one when it is sent (the email's idempotency key). */
    MimeMessage newMessage(String messageId);

    /** Delivers the message or throws; a throw leaves the email in the outbox for a retry. */
    void send(MimeMessage message) throws Exception;

    /** Where the messages go, for the log. */
    String describe();

    /**
     * Removes what this mailer kept of messages to any of the addresses (the default run's
     * {@code .eml} files; an SMTP server is not ours to change), for an erasure.
     *
     * @return how many kept messages went
     */
    default int forget(java.util.Collection<String> addresses) {
        return 0;
    }

    /** How many kept messages {@link #forget} would remove. */
    default int kept(java.util.Collection<String> addresses) {
        return 0;
    }

    /** Keeps its Message-ID: a resend after a crash carries the same one, so mail systems can drop it. */
    final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
