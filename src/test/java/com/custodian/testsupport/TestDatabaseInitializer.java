package com.custodian.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every test application context at the test MariaDB database, except a context that asks
 * for an in-memory H2 database on purpose (the test proving the changelog runs on H2 too).
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = context.getEnvironment().getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:mem:")) {
            return;
        }
        TestDatabase.Settings settings = TestDatabase.settings();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                "spring.datasource.url", settings.url(),
                "spring.datasource.username", settings.user(),
                "spring.datasource.password", settings.password())));
    }
}
