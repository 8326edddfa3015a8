package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The production build refuses the default run's setup unless its operator opts in. */
class ProductionReadinessTest {

    @Test
    void developmentRunNeedsNothing() {
        assertThat(ProductionReadiness.check(new MockEnvironment())).isFalse();
    }

    @Test
    void productionWithoutSettingsRefusesAndNamesWhatIsMissing() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true");
        assertThatThrownBy(() -> ProductionReadiness.check(environment))
                .isInstanceOfSatisfying(ProductionSetupException.class, e -> assertThat(e.missing())
                        .hasSize(3)
                        .anySatisfy(m -> assertThat(m).startsWith("DB_URL"))
                        .anySatisfy(m -> assertThat(m).startsWith("ENTRA_TENANT_ID"))
                        .anySatisfy(m -> assertThat(m).startsWith("SMTP_HOST")));
    }

    @Test
    void productionWithOnlyTheDatabaseRefusesToRunWithoutEntra() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("DB_URL", "jdbc:mariadb://db/custodian").withProperty("SMTP_HOST", "smtp.example.com")
                .withProperty("ALERT_EMAIL_FROM", "alerts@example.com");
        assertThatThrownBy(() -> ProductionReadiness.check(environment))
                .isInstanceOfSatisfying(ProductionSetupException.class,
                        e -> assertThat(e.missing()).singleElement().asString().startsWith("ENTRA_TENANT_ID"));
    }

    @Test
    void productionWithDatabaseEntraAndSmtpStartsWithoutDemo() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("DB_URL", "jdbc:mariadb://db/custodian").withProperty("SMTP_HOST", "smtp.example.com")
                .withProperty("ALERT_EMAIL_FROM", "alerts@example.com")
                .withProperty("ENTRA_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47");
        assertThat(ProductionReadiness.check(environment)).isFalse();
    }

    @Test
    void anEmptyTenantPropertyBesideTheVariableIsRefused() {
        // ENTRA_TENANT_ID is set, but CUSTODIAN_ENTRA_TENANT_ID= overrides the property that decides the sign-in.
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("DB_URL", "jdbc:mariadb://db/custodian").withProperty("SMTP_HOST", "smtp.example.com")
                .withProperty("ALERT_EMAIL_FROM", "alerts@example.com")
                .withProperty("ENTRA_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47")
                .withProperty("custodian.entra.tenant-id", "");
        assertThatThrownBy(() -> ProductionReadiness.check(environment))
                .isInstanceOfSatisfying(ProductionSetupException.class,
                        e -> assertThat(e.missing()).singleElement().asString().startsWith("ENTRA_TENANT_ID"));
    }

    @Test
    void theEmbeddedDatabaseIsRefusedInProductionWhateverTheVariableSays() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("DB_URL", "jdbc:mariadb://db/custodian")
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/custodian")
                .withProperty("SMTP_HOST", "smtp.example.com").withProperty("ALERT_EMAIL_FROM", "alerts@example.com")
                .withProperty("custodian.entra.tenant-id", "72f988bf-86f1-41af-91ab-2d7cd011db47");
        assertThatThrownBy(() -> ProductionReadiness.check(environment))
                .isInstanceOfSatisfying(ProductionSetupException.class,
                        e -> assertThat(e.missing()).singleElement().asString().startsWith("DB_URL"));
    }

    @Test
    void productionNeverSeedsDemoData() {
        org.springframework.mock.env.MockEnvironment environment = new MockEnvironment()
                .withProperty("vaadin.productionMode", "true").withProperty("DB_URL", "jdbc:mariadb://db/custodian")
                .withProperty("SMTP_HOST", "smtp.example.com").withProperty("ALERT_EMAIL_FROM", "alerts@example.com")
                .withProperty("custodian.entra.tenant-id", "72f988bf-86f1-41af-91ab-2d7cd011db47")
                .withProperty("custodian.demo-data", "true");
        org.springframework.boot.logging.DeferredLogFactory logs = destination -> org.apache.commons.logging.LogFactory
                .getLog(ProductionReadinessTest.class);
        new ProductionReadiness(logs).postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("custodian.demo-data", Boolean.class)).isFalse();
    }

    @Test
    void productionWithDemoOptInStartsAndIsFlaggedForTheWarning() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("custodian.demo", "true");
        assertThat(ProductionReadiness.check(environment)).isTrue();
    }

    @Test
    void failureAnalysisTellsTheOperatorWhatToSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true");
        ProductionSetupException refusal = org.junit.jupiter.api.Assertions.assertThrows(
                ProductionSetupException.class, () -> ProductionReadiness.check(environment));
        var analysis = new ProductionSetupFailureAnalyzer().analyze(refusal);
        assertThat(analysis.getDescription()).contains("DB_URL", "ENTRA_TENANT_ID");
        assertThat(analysis.getAction()).contains("CUSTODIAN_DEMO=true");
    }
}
