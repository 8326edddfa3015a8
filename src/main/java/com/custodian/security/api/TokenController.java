package com.custodian.security.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /api/token} in the default run: client credentials of the demo service principal
 * for an access token, shaped like Entra's answer. Registered only without Entra.
 */
@org.springframework.web.bind.annotation.RestController
@org.springframework.context.annotation.Conditional(com.custodian.directory.EntraConfigured.No.class)
class TokenController {

    private final LocalTokenIssuer issuer;

    TokenController(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(path = "/api/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret) {
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
        }
        return issuer.issue(clientId, clientSecret)
                .<ResponseEntity<Map<String, Object>>>map(token -> ResponseEntity.ok(Map.of("access_token", token,
                        "token_type", "Bearer", "expires_in", LocalTokenIssuer.LIFETIME.toSeconds())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_client")));
    }
}
