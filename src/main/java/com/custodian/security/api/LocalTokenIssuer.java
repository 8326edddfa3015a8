package com.custodian.security.api;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The default run's stand-in for Entra's client-credentials flow: the demo service principal
 * exchanges its demo secret for a signed access token, which the API then validates like any
 * bearer token. The key lives in memory only; the production guard keeps this out of production.
 */
public final class LocalTokenIssuer {

    /** The demo service principal (it holds App Administrator in the default run). */
    public static final UUID DEMO_CLIENT = UUID.fromString("6f2b8a0c-3c7e-4a6b-9db7-9b3c8d7e5a07");
    public static final String DEMO_SECRET = "demo-secret";
    static final String ISSUER = "custodian-local";
    static final Duration LIFETIME = Duration.ofHours(1);

    private final UUID tenant;
    private final Clock clock;
    private final RSAPublicKey publicKey;
    private final NimbusJwtEncoder encoder;

    LocalTokenIssuer(UUID tenant, Clock clock) {
        this.tenant = tenant;
        this.clock = clock;
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.publicKey = (RSAPublicKey) keys.getPublic();
        RSAKey jwk = new RSAKey.Builder(publicKey).privateKey((RSAPrivateKey) keys.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
    }

    /** A token for the client, if its secret is right. */
    Optional<String> issue(String clientId, String clientSecret) {
        if (!DEMO_CLIENT.toString().equalsIgnoreCase(clientId == null ? "" : clientId.strip())
                || !java.security.MessageDigest.isEqual(DEMO_SECRET.getBytes(), (clientSecret == null ? "" : clientSecret)
                        .getBytes())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).audience(java.util.List.of(ISSUER))
                .subject(DEMO_CLIENT.toString()).issuedAt(now).expiresAt(now.plus(LIFETIME))
                .claim("tid", tenant.toString()).claim("oid", DEMO_CLIENT.toString()).build();
        return Optional.of(encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims)).getTokenValue());
    }

    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }
}
