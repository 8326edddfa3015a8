package com.custodian.directory.graph;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.custodian.directory.EntraConfigured;
import com.custodian.directory.EntraProperties;

/** Microsoft Graph is the directory wherever an Entra tenant is configured. */
@Configuration
@Conditional(EntraConfigured.Yes.class)
class GraphDirectoryConfiguration {

    @Bean
    GraphDirectory graphDirectory(EntraProperties entra) {
        if (entra.clientId() == null || entra.clientId().isBlank() || entra.clientSecret() == null
                || entra.clientSecret().isBlank()) {
            throw new IllegalStateException("ENTRA_TENANT_ID is set, so ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET "
                    + "must be set too (the app registration Custodian signs in and reads the directory with)");
        }
        try {
            java.util.UUID.fromString(entra.tenantId().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ENTRA_TENANT_ID must be the tenant's ID (a GUID), not its domain name");
        }
        return GraphDirectory.connect(entra);
    }
}
