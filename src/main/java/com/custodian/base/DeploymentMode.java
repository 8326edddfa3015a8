package com.custodian.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Whether this is the production build, and whether its operator opted in to the demo setup.
 * The production build is the jar made with {@code -Pproduction}: Vaadin records that in its build
 * info, which is what Vaadin itself reads.
 */
@Component
public class DeploymentMode {

    private static final Pattern PRODUCTION_MODE = Pattern.compile("\"productionMode\"\\s*:\\s*true");

    private final boolean production;
    private final boolean demo;

    DeploymentMode(Environment environment) {
        this.production = environment.getProperty("vaadin.productionMode", Boolean.class, false)
                || buildInfoSaysProduction();
        this.demo = environment.getProperty("custodian.demo", Boolean.class, false);
    }

    /** The production build, which must not run the default run's local setup unless opted in. */
    public boolean isProduction() {
        return production;
    }

    /** {@code CUSTODIAN_DEMO=true}: the production build may run the default, local setup. */
    public boolean isDemoOptIn() {
        return demo;
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
