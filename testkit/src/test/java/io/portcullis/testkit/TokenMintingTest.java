package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenMintingTest {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    private static final TestClock CLOCK = TestClock.at(NOW);

    @RegisterExtension
    static TestIssuerExtension issuer =
            TestIssuerExtension.create(TestIssuer.builder().clock(CLOCK));

    @Test
    void defaultTokenLooksLikeAKeycloakAccessToken() throws Exception {
        String token = issuer.token().sign();

        SignedJWT jwt = Jwts.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.activeKeyId());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(300));
        assertThat(claims.getNotBeforeTime()).isNull();
        assertThat(UUID.fromString(claims.getSubject())).isNotNull();
        assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
        assertThat(claims.getAudience()).containsExactly("account");
        assertThat(Jwts.payload(token)).containsEntry("aud", "account");
        assertThat(claims.getClaim("azp")).isEqualTo("test-client");
        assertThat(claims.getClaim("typ")).isEqualTo("Bearer");
        assertThat(claims.getClaim("scope")).isEqualTo("openid profile email");
        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer.get()))).isTrue();
    }

    @Test
    void eachTokenGetsItsOwnSubjectAndId() {
        Map<String, Object> first = Jwts.payload(issuer.token().sign());
        Map<String, Object> second = Jwts.payload(issuer.token().sign());

        assertThat(first.get("sub")).isNotEqualTo(second.get("sub"));
        assertThat(first.get("jti")).isNotEqualTo(second.get("jti"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA", "Ed25519"})
    void tokensOfEveryAsymmetricAlgorithmVerifyAgainstTheServedJwks(String name) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);

        String token = issuer.token().algorithm(algorithm).sign();

        SignedJWT jwt = Jwts.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(algorithm);
        JWKSet jwks = Jwts.fetchJwks(issuer.get());
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key.getAlgorithm()).isEqualTo(algorithm);
        assertThat(Jwts.verifies(token, jwks)).isTrue();
        assertThat(issuer.activeAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void aKeyMadeForAnAlgorithmIsReused() {
        String first = Jwts.parse(issuer.token().algorithm(JWSAlgorithm.ES384).sign())
                .getHeader().getKeyID();
        String second = Jwts.parse(issuer.token().algorithm(JWSAlgorithm.ES384).sign())
                .getHeader().getKeyID();

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacTokensUseTheSharedSecretAndNeverReachTheJwks(String name) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);

        String token = issuer.token().algorithm(algorithm).sign();

        SignedJWT jwt = Jwts.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(algorithm);
        assertThat(jwt.getHeader().getKeyID()).isNull();
        assertThat(Jwts.verifiesWithSecret(token, issuer.sharedSecret())).isTrue();
        assertThat(Jwts.fetchJwks(issuer.get()).getKeys())
                .allSatisfy(key -> assertThat(key.getKeyType().getValue()).isNotEqualTo("oct"));
    }

    @Test
    void hmacWithAGivenSecret() {
        byte[] secret = "a-shared-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);

        String token = issuer.token().hmac(secret).sign();

        assertThat(Jwts.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(Jwts.verifiesWithSecret(token, secret)).isTrue();
        assertThat(Jwts.verifiesWithSecret(token, issuer.sharedSecret())).isFalse();
        assertThatThrownBy(() -> issuer.token().hmac(new byte[16]).sign())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> issuer.token().hmac(secret).algorithm(JWSAlgorithm.HS512).sign())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HS512");
    }

    @Test
    void claimSettersShapeThePayload() {
        String token = issuer.token()
                .subject("alice")
                .audience("orders-api", "billing-api")
                .clientId("web-shop")
                .scope("orders:read", "orders:write")
                .realmRoles("user", "admin")
                .clientRoles("orders-api", "reader")
                .clientRoles("billing-api", "payer", "viewer")
                .jwtId("id-1")
                .claim("tenant", Map.of("id", 7, "tags", List.of("a", "b")))
                .claim("email_verified", true)
                .claim("nothing", null)
                .withoutClaim("typ")
                .sign();

        Map<String, Object> payload = Jwts.payload(token);
        assertThat(payload).containsEntry("sub", "alice")
                .containsEntry("aud", List.of("orders-api", "billing-api"))
                .containsEntry("azp", "web-shop")
                .containsEntry("scope", "orders:read orders:write")
                .containsEntry("realm_access", Map.of("roles", List.of("user", "admin")))
                .containsEntry("resource_access", Map.of(
                        "orders-api", Map.of("roles", List.of("reader")),
                        "billing-api", Map.of("roles", List.of("payer", "viewer"))))
                .containsEntry("jti", "id-1")
                .containsEntry("tenant", Map.of("id", 7L, "tags", List.of("a", "b")))
                .containsEntry("email_verified", true)
                .containsEntry("nothing", null)
                .doesNotContainKey("typ");
        assertThat(Jwts.verifies(token, issuer.publicJwks())).isTrue();
    }

    @Test
    void timeClaimsFollowTheClockAndTheSetters() {
        Map<String, Object> lifetime = Jwts.payload(
                issuer.token().expiresIn(Duration.ofMinutes(1)).sign());
        assertThat(lifetime).containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("exp", NOW.plusSeconds(60).getEpochSecond());

        Instant issued = NOW.minusSeconds(3600);
        Map<String, Object> explicit = Jwts.payload(issuer.token().issuedAt(issued)
                .notBefore(issued.plusSeconds(5)).sign());
        assertThat(explicit).containsEntry("iat", issued.getEpochSecond())
                .containsEntry("exp", issued.plusSeconds(300).getEpochSecond())
                .containsEntry("nbf", issued.plusSeconds(5).getEpochSecond());

        Map<String, Object> expired = Jwts.payload(
                issuer.token().expiresAt(NOW.minusSeconds(1)).sign());
        assertThat(expired).containsEntry("exp", NOW.minusSeconds(1).getEpochSecond());

        Map<String, Object> none = Jwts.payload(
                issuer.token().withoutClaim("exp").withoutClaim("iat").sign());
        assertThat(none).doesNotContainKeys("exp", "iat");

        Map<String, Object> wrongType = Jwts.payload(issuer.token().claim("exp", "soon").sign());
        assertThat(wrongType).containsEntry("exp", "soon");
    }

    @Test
    void movingTheClockMovesNewTokens() {
        TestClock clock = TestClock.at(NOW);
        try (TestIssuer moving = TestIssuer.builder().clock(clock).encryptionKey(false).start()) {
            clock.advance(Duration.ofHours(1));

            assertThat(Jwts.payload(moving.token().sign()))
                    .containsEntry("iat", NOW.plusSeconds(3600).getEpochSecond());
        }
    }

    @Test
    void tokenDefaultsApplyBeforeTheTestsSetters() {
        try (TestIssuer configured = TestIssuer.builder().encryptionKey(false)
                .tokenLifetime(Duration.ofSeconds(60))
                .tokenDefaults(t -> t.audience("orders-api").realmRoles("user")).start()) {
            Map<String, Object> payload = Jwts.payload(configured.token().realmRoles("admin")
                    .sign());

            assertThat(payload).containsEntry("aud", "orders-api")
                    .containsEntry("realm_access", Map.of("roles", List.of("admin")));
            assertThat(((Number) payload.get("exp")).longValue()
                    - ((Number) payload.get("iat")).longValue()).isEqualTo(60);
        }
    }

    @Test
    void emptyAudienceIsAnEmptyArray() {
        assertThat(Jwts.payload(issuer.token().audience().sign()))
                .containsEntry("aud", List.of());
    }

    @Test
    void idTokenPresetMatchesKeycloakIdTokens() {
        Map<String, Object> payload = Jwts.payload(issuer.idToken().clientId("web").sign());

        assertThat(payload).containsEntry("typ", "ID")
                .containsEntry("aud", "web")
                .containsEntry("azp", "web")
                .containsKey("nonce")
                .doesNotContainKey("scope");
        assertThat(Jwts.payload(issuer.token().idToken().nonce("n-1").audience("x").sign()))
                .containsEntry("nonce", "n-1").containsEntry("aud", "x");
    }

    @Test
    void headerControls() {
        String token = issuer.token()
                .type("at+jwt")
                .keyId("someone-else")
                .header("jku", "http://127.0.0.1:1/keys")
                .header("crit", List.of("exp"))
                .header("x5u", "http://127.0.0.1:1/cert")
                .sign();

        Map<String, Object> header = Jwts.header(token);
        assertThat(header).containsEntry("typ", "at+jwt")
                .containsEntry("kid", "someone-else")
                .containsEntry("jku", "http://127.0.0.1:1/keys")
                .containsEntry("crit", List.of("exp"))
                .containsEntry("x5u", "http://127.0.0.1:1/cert");
        assertThat(Jwts.header(issuer.token().withoutType().withoutKeyId().sign()))
                .containsOnlyKeys("alg");
    }

    @Test
    void anOverriddenAlgHeaderLiesAboutTheSignature() {
        String token = issuer.token().header("alg", "HS256").sign();

        assertThat(Jwts.header(token)).containsEntry("alg", "HS256")
                .containsEntry("kid", issuer.activeKeyId());
        assertThat(Jwts.verifiesWithSecret(token, issuer.sharedSecret())).isFalse();
    }

    @Test
    void forgedIssuerIsWrittenAsGiven() {
        String token = issuer.token().issuer("http://127.0.0.1:1/realms/evil").sign();

        assertThat(Jwts.payload(token)).containsEntry("iss", "http://127.0.0.1:1/realms/evil");
        assertThat(Jwts.verifies(token, issuer.publicJwks())).isTrue();
    }

    @Test
    void unsignedTokenHasAlgNoneAndAnEmptySignature() {
        String token = issuer.token().subject("alice").unsigned();

        assertThat(token).endsWith(".");
        assertThat(token.split("\\.", -1)).hasSize(3);
        assertThat(Jwts.header(token)).containsEntry("alg", "none").doesNotContainKey("kid");
        assertThat(Jwts.payload(token)).containsEntry("sub", "alice");
    }

    @Test
    void tamperedTokenNoLongerVerifies() {
        JWKSet jwks = issuer.publicJwks();

        String tampered = issuer.token().subject("alice").tampered();
        String promoted = issuer.token().tampered("realm_access",
                Map.of("roles", List.of("admin")));

        assertThat(Jwts.payload(tampered)).containsEntry("sub", "tampered-alice");
        assertThat(Jwts.verifies(tampered, jwks)).isFalse();
        assertThat(Jwts.payload(promoted))
                .containsEntry("realm_access", Map.of("roles", List.of("admin")));
        assertThat(Jwts.verifies(promoted, jwks)).isFalse();
    }

    @Test
    void rawPayloadIsSignedVerbatim() {
        String token = issuer.token().signRawPayload("{\"sub\":\"a\",\"sub\":\"b\"}");

        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).isEqualTo("{\"sub\":\"a\",\"sub\":\"b\"}");
        assertThat(Jwts.verifies(token, issuer.publicJwks())).isTrue();
        assertThat(Jwts.verifies(issuer.token().signRawPayload("[1,2]"), issuer.publicJwks()))
                .isTrue();
    }

    @Test
    void foreignKeyForgeryKeepsTheKidButFailsVerification() {
        String forged = issuer.token().signedWithForeignKey().sign();

        assertThat(Jwts.header(forged)).containsEntry("kid", issuer.activeKeyId());
        assertThat(Jwts.verifies(forged, Jwts.fetchJwks(issuer.get()))).isFalse();
    }

    @Test
    void embeddedJwkCarriesTheSigningKeysPublicPart() throws Exception {
        String token = issuer.token().signedWithForeignKey().embedJwk().sign();

        JWK embedded = Jwts.parse(token).getHeader().getJWK();
        assertThat(embedded.isPrivate()).isFalse();
        assertThat(Jwts.parse(token).verify(Jwts.verifier(embedded))).isTrue();
        assertThat(Jwts.verifies(token, issuer.publicJwks())).isFalse();
    }

    @Test
    void wrongUseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> issuer.token().algorithm(JWSAlgorithm.ES256K))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES256K");
        assertThatThrownBy(() -> issuer.token().claim("when", new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("when");
        assertThatThrownBy(() -> issuer.token().claim("ratio", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.token().subject(null))
                .isInstanceOf(NullPointerException.class).hasMessage("subject");
        assertThatThrownBy(() -> issuer.token().signedWith("no-such-kid").sign())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-kid");
        String ecKey = issuer.addKey(JWSAlgorithm.ES256);
        assertThatThrownBy(() -> issuer.token().signedWith(ecKey)
                .algorithm(JWSAlgorithm.RS256).sign())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RS256");
    }

    @Test
    void encryptionKeyCanSignForTestsOfKeyUse() throws Exception {
        String encryptionKeyId = issuer.encryptionKeyId().orElseThrow();

        String token = issuer.token().signedWith(encryptionKeyId).sign();

        assertThat(Jwts.header(token)).containsEntry("kid", encryptionKeyId);
        RSAKey encryptionKey = issuer.publicJwks().getKeyByKeyId(encryptionKeyId).toRSAKey();
        assertThat(Jwts.parse(token).verify(new RSASSAVerifier(encryptionKey))).isTrue();
        assertThat(Jwts.verifies(token, issuer.publicJwks())).isFalse();
    }
}
