package com.custodian.directory;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Microsoft Entra tenant and app registration Custodian runs against, from the environment
 * ({@code ENTRA_TENANT_ID}, {@code ENTRA_CLIENT_ID}, {@code ENTRA_CLIENT_SECRET},
 * {@code ENTRA_AUTHORITY_HOST}, {@code GRAPH_BASE_URL}). A tenant ID switches the application from
 * the local directory and sign-in to Entra and Microsoft Graph.
 *
 * @param authorityHost {@code https://login.microsoftonline.com}, or a sovereign cloud's
 * @param graphBaseUrl {@code https://graph.microsoft.com}, or a sovereign cloud's
 * @param connectTimeout how long to wait for Entra or Graph to accept a connection
 * @param readTimeout how long to wait for an answer
 * @param maxRetryWait the longest a request waits before a retry (a longer {@code Retry-After} fails fast)
 * @param circuitOpenDuration how long Graph is left alone after repeated failures before it is tried again
 */
@ConfigurationProperties("custodian.entra")
public record EntraProperties(String tenantId, String clientId, String clientSecret, URI authorityHost,
        URI graphBaseUrl, Duration connectTimeout, Duration readTimeout, Duration maxRetryWait,
        Duration circuitOpenDuration) {

    public boolean configured() {
        return tenantId != null && !tenantId.isBlank();
    }

    /** The tenant-specific issuer, as Entra's v2.0 endpoint names it. */
    public URI issuer() {
        return URI.create(stripSlash(authorityHost) + "/" + tenantId.strip() + "/v2.0");
    }

    public URI tokenEndpoint() {
        return URI.create(stripSlash(authorityHost) + "/" + tenantId.strip() + "/oauth2/v2.0/token");
    }

    /** The scope of an app-only Graph token: everything the app registration was granted. */
    public String graphScope() {
        return stripSlash(graphBaseUrl) + "/.default";
    }

    private static String stripSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
