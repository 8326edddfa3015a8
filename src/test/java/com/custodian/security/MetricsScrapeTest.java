package com.custodian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Prometheus metrics over HTTP, with a scrape token set: served to its bearer only, without a
 * session, with the application's own meters and nobody's address in them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "custodian.metrics.token=" + MetricsScrapeTest.TOKEN)
class MetricsScrapeTest {

    static final String TOKEN = "scrape-token-of-this-test";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servedToTheBearerOfTheTokenOnly() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(scrape(TOKEN).statusCode()).as("the token without its scheme").isEqualTo(401);
        assertThat(scrape("Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = scrape("Bearer " + TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections_active",
                "custodian_telemetry_requests_total", "custodian_alerts_evaluated_total");
        assertThat(metrics.body()).as("counts and timings, nobody's address").doesNotContain("@");
        assertThat(metrics.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
