package com.custodian.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start the production build on the default run's embedded database and local sign-in,
 * unless its operator opted in with {@code CUSTODIAN_DEMO=true}; then it warns loudly. It runs
 * while the environment is prepared, before any bean (the database pool, Liquibase) exists.
 * The production build is the jar made with {@code -Pproduction}: Vaadin records that in its build
 * info, which is what Vaadin itself reads.
 */
class ProductionReadiness implements EnvironmentPostProcessor, Ordered {

    private static final Pattern PRODUCTION_MODE = Pattern.compile("\"productionMode\"\\s*:\\s*true");

    private final Log log;

    ProductionReadiness(DeferredLogFactory logs) {
        this.log = logs.getLog(ProductionReadiness.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = check(environment);
        if (production(environment) && !demo) {
            // Never the demo users, devices or rules in production, whatever else the settings say.
            environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                    "custodian-production", java.util.Map.of("custodian.demo-data", "false")));
        }
        if (demo) {
            log.warn("""

                    ***************************************************************************
                    CUSTODIAN_DEMO=true: running the DEMO setup (embedded database, local
                    sign-in with demo passwords, demo data). NOT FOR PRODUCTION USE.
                    ***************************************************************************""");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * @return true when the production build runs the demo setup by its operator's choice
     * @throws ProductionSetupException when the production build lacks its production settings
     */
    static boolean check(Environment environment) {
        if (!production(environment)) {
            return false;
        }
        if (environment.getProperty("custodian.demo", Boolean.class, false)) {
            return true;
        }
        List<String> missing = new ArrayList<>();
        // The properties that decide, not the variables they usually come from: a CUSTODIAN_ENTRA_TENANT_ID=
        // left empty beside ENTRA_TENANT_ID would otherwise start the local sign-in with its demo passwords.
        String database = deciding(environment, "spring.datasource.url", "DB_URL");
        if (isBlank(database) || database.strip().startsWith("jdbc:h2:")) {
            missing.add("DB_URL (with DB_USER and DB_PASSWORD): the MariaDB database");
        }
        if (isBlank(deciding(environment, "custodian.entra.tenant-id", "ENTRA_TENANT_ID"))) {
            missing.add("ENTRA_TENANT_ID (with ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET): Microsoft Entra sign-in");
        }
        if (isBlank(deciding(environment, "custodian.alerts.smtp.host", "SMTP_HOST"))
                || isBlank(environment.getProperty("ALERT_EMAIL_FROM"))) {
            missing.add("SMTP_HOST (with SMTP_PORT, SMTP_USER, SMTP_PASSWORD) and ALERT_EMAIL_FROM: delivery of alert emails");
        }
        if (!missing.isEmpty()) {
            throw new ProductionSetupException(missing);
        }
        return false;
    }

    static boolean production(Environment environment) {
        return environment.getProperty("vaadin.productionMode", Boolean.class, false) || buildInfoSaysProduction();
    }

    /** The property the application reads, where it is defined; else the variable it comes from. */
    private static String deciding(Environment environment, String property, String variable) {
        return environment.containsProperty(property) ? environment.getProperty(property)
                : environment.getProperty(variable);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean buildInfoSaysProduction() {
        ClassPathResource buildInfo = new ClassPathResource("META-INF/VAADIN/config/flow-build-info.json");
        if (!buildInfo.exists()) {
            return false;
        }
        try (InputStream in = buildInfo.getInputStream()) {
            return PRODUCTION_MODE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Vaadin's build info", e);
        }
    }
}
