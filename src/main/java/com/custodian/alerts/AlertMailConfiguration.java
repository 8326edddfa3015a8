package com.custodian.alerts;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

@Configuration
@EnableConfigurationProperties(AlertsProperties.class)
class AlertMailConfiguration {

    @Bean
    AlertMailer alertMailer(AlertsProperties properties) {
        AlertsProperties.Smtp smtp = properties.smtp();
        if (smtp != null && smtp.configured()) {
            return smtp(smtp);
        }
        return files(properties.outboxDirectory());
    }

    private static AlertMailer smtp(AlertsProperties.Smtp smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        if (smtp.user() != null && !smtp.user().isBlank()) {
            sender.setUsername(smtp.user());
            sender.setPassword(smtp.password());
        }
        Properties mail = sender.getJavaMailProperties();
        mail.put("mail.smtp.auth", String.valueOf(smtp.user() != null && !smtp.user().isBlank()));
        mail.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        mail.put("mail.smtp.connectiontimeout", "10000");
        mail.put("mail.smtp.timeout", "10000");
        mail.put("mail.smtp.writetimeout", "10000");
        return new AlertMailer() {
            @Override
            public MimeMessage newMessage(String messageId) {
                return new AlertMailer.FixedIdMessage(sender.getSession(), messageId);
            }

            @Override
            public void send(MimeMessage message) {
                sender.send(message);
            }

            @Override
            public String describe() {
                return "SMTP " + smtp.host() + ":" + smtp.port();
            }
        };
    }

    /** The default run: each email becomes a file a person can open in a mail program. */
    private static AlertMailer files(Path directory) {
        Session session = Session.getInstance(new Properties());
        return new AlertMailer() {
            @Override
            public MimeMessage newMessage(String messageId) {
                return new AlertMailer.FixedIdMessage(session, messageId);
            }

            @Override
            public void send(MimeMessage message) throws Exception {
                Files.createDirectories(directory);
                message.saveChanges();
                String id = message.getMessageID().replaceAll("[^A-Za-z0-9-]", "");
                Path file = directory.resolve(id + ".eml");
                Path partial = directory.resolve(id + ".eml.part");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    message.writeTo(out);
                }
                Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public String describe() {
                return ".eml files in " + directory.toAbsolutePath().normalize();
            }

            @Override
            public int forget(java.util.Collection<String> addresses) {
                return sweep(addresses, true);
            }

            @Override
            public int kept(java.util.Collection<String> addresses) {
                return sweep(addresses, false);
            }

            private int sweep(java.util.Collection<String> addresses, boolean delete) {
                java.util.Set<String> wanted = new java.util.HashSet<>();
                addresses.forEach(address -> wanted.add(address.toLowerCase(java.util.Locale.ROOT)));
                if (wanted.isEmpty() || !Files.isDirectory(directory)) {
                    return 0;
                }
                int deleted = 0;
                try (var files = Files.newDirectoryStream(directory, "*.eml")) {
                    for (Path file : files) {
                        if (addressedTo(file, wanted) && (!delete || Files.deleteIfExists(file))) {
                            deleted++;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return deleted;
            }

            private boolean addressedTo(Path file, java.util.Set<String> wanted) {
                try (var in = Files.newInputStream(file)) {
                    jakarta.mail.Address[] to = new MimeMessage(session, in).getAllRecipients();
                    return to != null && java.util.Arrays.stream(to)
                            .map(address -> address instanceof jakarta.mail.internet.InternetAddress internet
                                    ? internet.getAddress() : address.toString())
                            .anyMatch(address -> address != null
                                    && wanted.contains(address.toLowerCase(java.util.Locale.ROOT)));
                } catch (java.io.IOException | jakarta.mail.MessagingException unreadable) {
                    return false;
                }
            }
        };
    }
}
