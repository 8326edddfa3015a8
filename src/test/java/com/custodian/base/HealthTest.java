package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.Operator;
import com.custodian.alerts.RuleForm;
import com.custodian.testsupport.SignIn;

/**
 * Health over HTTP on MariaDB: liveness and readiness probes answer without signing in; a failing
 * mail server shows as a DEGRADED alertEmails component with a 200, and readiness stays UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from alert_rule where name = 'Health test'");
    }

    @Test
    void probesAnswerWithoutSigningIn() throws Exception {
        assertThat(get("/actuator/health/liveness")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"");
        });
        assertThat(get("/actuator/health/readiness")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"");
        });
        assertThat(get("/actuator/health").body()).contains("\"db\":{\"status\":\"UP\"}",
                "\"directory\":{\"status\":\"UP\"}", "\"alertEmails\":{\"status\":\"UP\"}");
    }

    @Test
    void withoutAScrapeTokenMetricsAreServedToNobody() throws Exception {
        for (String authorization : new String[] {null, "Bearer ", "Bearer null", "Basic Og=="}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(String.valueOf(authorization)).isEqualTo(401);
        }
        assertThat(get("/actuator/metrics").statusCode()).as("the JSON metrics endpoint is not exposed")
                .isIn(401, 302, 404);
    }

    @Test
    void aFailingMailServerDegradesTheOutboxButNotReadiness() throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        SignIn.as(context, SignIn.BUILDER);
        RuleForm form = new RuleForm();
        form.setName("Health test");
        form.setConditions(new java.util.ArrayList<>(java.util.List.of(RuleForm.ConditionForm.of("temperature",
                Operator.GT, "30"))));
        form.setRecipients("ops@example.com");
        context.getBean(AlertRulesService.class).save(form);
        SignIn.out();
        long rule = jdbc.queryForObject("select id from alert_rule where name = 'Health test'", Long.class);
        jdbc.update("insert into alert_email (message_key, rule_id, recipient, first_firing_at, last_firing_at, firings, "
                + "status, attempts, send_after, last_error, created_at) values (?, ?, 'ops@example.com', ?, ?, 1, "
                + "'PENDING', 2, ?, 'Connection refused', ?)", UUID.randomUUID().toString(), rule, now, now,
                now.plusMinutes(5), now);
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"DEGRADED\"", "\"alertEmails\":{\"status\":\"DEGRADED\"}")
                .doesNotContain("ops@example.com", "Connection refused");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
