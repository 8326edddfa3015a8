package com.custodian.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The production build refuses the default run's setup unless its operator opts in. */
class ProductionReadinessTest {

    @Test
    void developmentRunNeedsNothing() {
        MockEnvironment environment = new MockEnvironment();
        assertThatNoException().isThrownBy(() -> new ProductionReadiness(new DeploymentMode(environment), environment));
    }

    @Test
    void productionWithoutSettingsRefusesAndNamesWhatIsMissing() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true");
        assertThatThrownBy(() -> new ProductionReadiness(new DeploymentMode(environment), environment))
                .isInstanceOfSatisfying(ProductionSetupException.class, e -> assertThat(e.missing())
                        .hasSize(2)
                        .anySatisfy(m -> assertThat(m).startsWith("DB_URL"))
                        .anySatisfy(m -> assertThat(m).startsWith("ENTRA_TENANT_ID")));
    }

    @Test
    void productionWithOnlyTheDatabaseStillRefusesLocalSignIn() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("DB_URL", "jdbc:mariadb://db/custodian");
        assertThatThrownBy(() -> new ProductionReadiness(new DeploymentMode(environment), environment))
                .isInstanceOfSatisfying(ProductionSetupException.class,
                        e -> assertThat(e.missing()).singleElement().asString().startsWith("ENTRA_TENANT_ID"));
    }

    @Test
    void productionWithDemoOptInStarts() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true")
                .withProperty("custodian.demo", "true");
        assertThatNoException().isThrownBy(() -> new ProductionReadiness(new DeploymentMode(environment), environment));
    }

    @Test
    void failureAnalysisTellsTheOperatorWhatToSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaadin.productionMode", "true");
        try {
            new ProductionReadiness(new DeploymentMode(environment), environment);
        } catch (ProductionSetupException e) {
            var analysis = new ProductionSetupFailureAnalyzer().analyze(e);
            assertThat(analysis.getDescription()).contains("DB_URL", "ENTRA_TENANT_ID");
            assertThat(analysis.getAction()).contains("CUSTODIAN_DEMO=true");
            return;
        }
        throw new AssertionError("production start without settings was not refused");
    }
}
