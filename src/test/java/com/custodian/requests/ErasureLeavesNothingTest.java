package com.custodian.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.testsupport.SignIn;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * What an erasure used to leave behind: the free text of requests about the subject (notes,
 * reasons for extending or rejecting, which often name them) is in their access export and is
 * replaced by a marker on erasure; the default run's email files addressed to them are deleted.
 * The receipt counts both.
 */
@SpringBootTest
class ErasureLeavesNothingTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataRequestsService requests;
    @Value("${custodian.alerts.outbox-directory}")
    Path outbox;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from data_request");
        SignIn.out();
    }

    @Test
    void notesReasonsAndEmailFilesAboutTheSubjectGo() throws Exception {
        SignIn.as(context, SignIn.ADMIN);
        RequestRow earlier = requests.open(new NewRequest(RequestType.ACCESS, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", "Frank Osei phoned on Tuesday"));
        requests.reject(earlier.id(), "Frank Osei could not prove who he is");
        Path toFrank = email("frank.osei@contoso.onmicrosoft.test");
        Path toOperator = email("operator@contoso.test");

        RequestRow erasure = requests.open(new NewRequest(RequestType.ERASURE, "frank@contoso.test",
                LocalDate.now(ZoneOffset.UTC), "", "Frank Osei wants it all gone"));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        requests.export(erasure.id(), zip);
        assertThat(entry(zip.toByteArray(), "data-requests.csv")).as("the subject sees what was written about them")
                .contains("Frank Osei phoned on Tuesday", "Frank Osei could not prove who he is");

        RequestRow erased = requests.erase(erasure.id(), requests.request(erasure.id()).version());
        assertThat(erased.receipt()).contains("\"dataRequestNotesAndReasonsErased\" : 3",
                "\"alertEmailFilesDeleted\" : 1");
        assertThat(jdbc.queryForList("select concat(coalesce(note, ''), '|', coalesce(rejection_reason, '')) "
                + "from data_request order by id", String.class))
                .containsExactly(DataRequest.ERASED_TEXT + "|" + DataRequest.ERASED_TEXT, DataRequest.ERASED_TEXT + "|");
        assertThat(toFrank).doesNotExist();
        assertThat(toOperator).as("someone else's email stays").exists();
        Files.deleteIfExists(toOperator);
    }

    private Path email(String to) throws Exception {
        Files.createDirectories(outbox);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("custodian@localhost"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Alert");
        message.setText("Fired.");
        Path file = outbox.resolve("erasure-test-" + java.util.UUID.randomUUID() + ".eml");
        try (var out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        return file;
    }

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith(name)) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name);
    }
}
