package com.custodian.base;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the production build on the default run's embedded database and local sign-in,
 * unless its operator opted in with {@code CUSTODIAN_DEMO=true}; then it warns loudly.
 */
@Component
class ProductionReadiness {

    private static final Logger log = LoggerFactory.getLogger(ProductionReadiness.class);

    ProductionReadiness(DeploymentMode mode, Environment environment) {
        if (!mode.isProduction()) {
            return;
        }
        if (mode.isDemoOptIn()) {
            log.warn("""

                    ***************************************************************************
                    CUSTODIAN_DEMO=true: running the DEMO setup (embedded database, local
                    sign-in with demo passwords, demo data). NOT FOR PRODUCTION USE.
                    ***************************************************************************""");
            return;
        }
        List<String> missing = new ArrayList<>();
        if (isBlank(environment.getProperty("DB_URL"))) {
            missing.add("DB_URL (with DB_USER and DB_PASSWORD): the MariaDB database");
        }
        if (isBlank(environment.getProperty("ENTRA_TENANT_ID"))) {
            missing.add("ENTRA_TENANT_ID (with ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET): Microsoft Entra sign-in");
        }
        if (!missing.isEmpty()) {
            throw new ProductionSetupException(missing);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
