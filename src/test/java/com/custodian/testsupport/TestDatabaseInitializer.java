package com.custodian.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points every test application context at the test MariaDB database. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Settings settings = TestDatabase.settings();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                "spring.datasource.url", settings.url(),
                "spring.datasource.username", settings.user(),
                "spring.datasource.password", settings.password())));
    }
}
