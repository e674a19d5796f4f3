package io.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.portcullis.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenValidatorTest {

    static final String ISSUER = "https://sso.example.test/realms/prod";
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static RSAKey rsa;
    static RSAKey otherRsa;
    static ECKey ec;
    static OctetKeyPair ed;

    TestClock clock;
    InMemoryKeySource keys;

    @BeforeAll
    static void makeKeys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
    }

    @BeforeEach
    void setUp() {
        clock = TestClock.at(NOW);
        keys = new InMemoryKeySource(List.of(rsa.toPublicJWK(), ec.toPublicJWK(),
                ed.toPublicJWK()));
    }

    IssuerConfig.Builder issuer() {
        return IssuerConfig.builder(ISSUER).discovery().audiences("orders-service");
    }

    TokenValidator validator(IssuerConfig.Builder issuer) {
        return TokenValidator.builder()
                .issuer(issuer.build())
                .clock(clock)
                .keySourceFactory((config, c) -> keys)
                .build();
    }

    TokenValidator validator() {
        return validator(issuer());
    }

    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "alice");
        claims.put("aud", List.of("orders-service", "account"));
        claims.put("azp", "web-app");
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", NOW.getEpochSecond());
        claims.put("jti", "id-1");
        claims.put("typ", "Bearer");
        claims.put("scope", "openid orders:read  profile");
        claims.put("realm_access", Map.of("roles", List.of("reader", "offline_access")));
        claims.put("resource_access", Map.of(
                "orders.service.v2", Map.of("roles", List.of("refund")),
                "account", Map.of("roles", List.of("manage-account"))));
        claims.put("department", "sales");
        return claims;
    }

    static String rs256(Map<String, Object> claims) {
        return Jws.sign(rsa, JWSAlgorithm.RS256, claims);
    }

    Reason reasonOf(String token) {
        ValidationResult result = validator().validate(token);
        assertThat(result.isValid()).as("token should be refused").isFalse();
        return result.rejection().reason();
    }

    @Nested
    class Accepts {
        @Test
        void keycloakShapedToken() {
            ValidationResult result = validator().validate(rs256(claims()));

            assertThat(result.isValid()).isTrue();
            TokenPrincipal p = result.principal();
            assertThat(p.subject()).isEqualTo("alice");
            assertThat(p.getName()).isEqualTo("alice");
            assertThat(p.issuer()).isEqualTo(ISSUER);
            assertThat(p.audiences()).containsExactlyInAnyOrder("orders-service", "account");
            assertThat(p.clientId()).contains("web-app");
            assertThat(p.roles()).containsExactlyInAnyOrder("reader", "offline_access");
            assertThat(p.clientRoles("orders.service.v2")).containsExactly("refund");
            assertThat(p.hasClientRole("account", "manage-account")).isTrue();
            assertThat(p.hasRole("refund")).isFalse();
            assertThat(p.scopes()).containsExactlyInAnyOrder("openid", "orders:read", "profile");
            assertThat(p.claims()).containsEntry("department", "sales");
            assertThat(p.expiresAt()).isEqualTo(NOW.plusSeconds(300));
            assertThat(p.keyId()).contains("rsa-1");
            assertThat(p.tokenId()).contains("id-1");
        }

        @Test
        void singleAudienceAsString() {
            String token = rs256(Jws.with(claims(), "aud", "orders-service"));
            assertThat(validator().validate(token).isValid()).isTrue();
        }

        @Test
        void everyAsymmetricFamily() {
            TokenValidator validator = validator();
            assertThat(validator.validate(Jws.sign(ec, JWSAlgorithm.ES256, claims())).isValid())
                    .isTrue();
            assertThat(validator.validate(Jws.sign(ed, JWSAlgorithm.EdDSA, claims())).isValid())
                    .isTrue();
            assertThat(validator.validate(Jws.sign(rsa, JWSAlgorithm.PS256, claims())).isValid())
                    .isTrue();
            assertThat(validator.validate(Jws.sign(rsa, JWSAlgorithm.RS512, claims())).isValid())
                    .isTrue();
        }

        @Test
        void hmacWithConfiguredSecret() throws Exception {
            byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
            var hmacKey = new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(secret).build();
            keys.setKeys(List.of(hmacKey));
            TokenValidator validator = validator(IssuerConfig.builder(ISSUER)
                    .sharedSecret(secret).audiences("orders-service"));

            assertThat(validator.validate(Jws.sign(hmacKey, JWSAlgorithm.HS256, claims()))
                    .isValid()).isTrue();
        }

        @Test
        void eachHmacOnlyWithASecretAsLongAsItsHash() throws Exception {
            byte[] secret32 = "0123456789abcdef0123456789abcdef".getBytes();
            byte[] secret64 = (new String(secret32) + new String(secret32)).getBytes();
            var shortKey = new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(secret32).build();
            var longKey = new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(secret64).build();

            keys.setKeys(List.of(shortKey));
            TokenValidator validator = validator(IssuerConfig.builder(ISSUER)
                    .sharedSecret(secret32).audiences("orders-service"));
            String hs256 = Jws.sign(shortKey, JWSAlgorithm.HS256, claims());
            String hs512Header = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"alg\":\"HS512\"}".getBytes());
            ValidationResult hs512 = validator.validate(
                    hs512Header + hs256.substring(hs256.indexOf('.')));
            assertThat(hs512.rejection().reason()).isEqualTo(Reason.ALGORITHM);

            keys.setKeys(List.of(longKey));
            TokenValidator both = validator(IssuerConfig.builder(ISSUER)
                    .sharedSecret(secret64).audiences("orders-service"));
            assertThat(both.validate(Jws.sign(longKey, JWSAlgorithm.HS512, claims())).isValid())
                    .isTrue();
            assertThat(both.validate(Jws.sign(longKey, JWSAlgorithm.HS256, claims())).isValid())
                    .isTrue();

            assertThatThrownBy(() -> IssuerConfig.builder(ISSUER).sharedSecret(secret32)
                    .algorithms(JWSAlgorithm.HS512).audiences("orders-service").build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at least 64 bytes");
        }

        @Test
        void accessTokenTypeWhenRequired() {
            TokenValidator validator = validator(issuer().tokenType(TokenTypePolicy.ACCESS_TOKEN));
            for (String typ : List.of("at+jwt", "application/at+jwt", "AT+JWT")) {
                String token = Jws.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                        .type(new JOSEObjectType(typ)).build(), rsa, claims());
                assertThat(validator.validate(token).isValid()).as(typ).isTrue();
            }
        }

        @Test
        void clientCredentialsTokenWithoutSubjectIsNamedByClient() {
            Map<String, Object> claims = Jws.with(claims(), "sub", null);
            TokenPrincipal p = validator().validate(rs256(claims)).principal();
            assertThat(p.subject()).isEqualTo("web-app");
        }

        @Test
        void withinClockSkew() {
            String token = rs256(claims());
            clock.advance(Duration.ofSeconds(300 + 59));
            assertThat(validator().validate(token).isValid()).isTrue();
        }
    }

    @Nested
    class Refuses {
        @Test
        void malformedTokens() {
            String good = rs256(claims());
            String[] parts = good.split("\\.");
            List<String> malformed = List.of(
                    "",
                    "garbage",
                    parts[0] + "." + parts[1],
                    good + ".extra",
                    parts[0] + ".." + parts[2],
                    "." + parts[1] + "." + parts[2],
                    good.replace('-', '+'),
                    good + "=",
                    " " + good,
                    "{\"payload\":\"x\",\"signatures\":[]}",
                    Jws.raw("not json", "{}", parts[2]),
                    Jws.raw("{\"alg\":\"RS256\"}", "[1,2]", parts[2]),
                    Jws.raw("{\"alg\":\"RS256\"}", "{\"iss\":", parts[2]),
                    Jws.raw("{\"kid\":\"rsa-1\"}", "{}", parts[2]),
                    Jws.raw("{\"alg\":256}", "{}", parts[2]),
                    Jws.raw("{\"alg\":\"RS256\",\"kid\":7}", "{}", parts[2]),
                    Jws.raw("{\"alg\":\"RS256\",\"typ\":[]}", "{}", parts[2]),
                    Jws.raw("{\"alg\":\"RS256\",\"alg\":\"none\"}", "{}", parts[2]),
                    Jws.raw("null", "{}", parts[2]),
                    Jws.raw("{\"alg\":\"RS256\"}", "null", parts[2]),
                    // Characters outside base64url in each part, including ones that are one
                    // byte in ISO-8859-1, two chars in UTF-16 (a surrogate pair) or a dot when
                    // truncated to a byte (U+012E).
                    parts[0] + "/." + parts[1] + "." + parts[2],
                    parts[0] + "." + parts[1] + "é." + parts[2],
                    parts[0] + "." + parts[1] + "." + parts[2] + "\uD83D\uDE00",
                    "\uD83D\uDE00" + parts[0] + "." + parts[1] + "." + parts[2],
                    parts[0] + "\u012E" + parts[1] + "." + parts[2],
                    parts[0] + "=." + parts[1] + "." + parts[2],
                    parts[0] + "." + parts[1] + "." + parts[2] + "\n");
            for (String token : malformed) {
                assertThat(reasonOf(token)).as(token).isEqualTo(Reason.MALFORMED);
            }
        }

        @Test
        void deeplyNestedJsonIsMalformedNotACrash() {
            String deep = "{\"iss\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            String token = Jws.raw("{\"alg\":\"RS256\"}", deep, "c2ln");
            ValidationResult result = TokenValidator.builder()
                    .issuer(issuer().build()).clock(clock).keySourceFactory((c, k) -> keys)
                    .maxTokenLength(1 << 20).build().validate(token);
            assertThat(result.rejection().reason()).isEqualTo(Reason.MALFORMED);
        }

        @Test
        void encryptedTokens() {
            assertThat(reasonOf("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")).isEqualTo(Reason.MALFORMED);
            assertThat(validator().validate("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d").rejection()
                    .description()).contains("JWE");
        }

        @Test
        void tooLarge() {
            Map<String, Object> claims = Jws.with(claims(), "padding", "x".repeat(20_000));
            assertThat(reasonOf(rs256(claims))).isEqualTo(Reason.TOO_LARGE);
        }

        @Test
        void algorithmNoneInAnySpelling() {
            String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"a\",\"exp\":9999999999}";
            assertThat(reasonOf(Jws.raw("{\"alg\":\"none\"}", payload, "")))
                    .isEqualTo(Reason.ALGORITHM);
            assertThat(reasonOf(Jws.raw("{\"alg\":\"nOnE\"}", payload, "c2ln")))
                    .isEqualTo(Reason.ALGORITHM);
            assertThat(reasonOf(Jws.raw("{\"alg\":\"RS256\"}", payload, "")))
                    .isEqualTo(Reason.ALGORITHM);
        }

        @Test
        void unknownAlgorithm() {
            String payload = "{\"iss\":\"" + ISSUER + "\"}";
            assertThat(reasonOf(Jws.raw("{\"alg\":\"RS1\"}", payload, "c2ln")))
                    .isEqualTo(Reason.ALGORITHM);
        }

        @Test
        void hmacWithoutConfiguredSecretEvenIfSignedWithThePublicKey() throws Exception {
            // The classic confusion attack: HS256 keyed with the RSA public key's bytes.
            byte[] publicBytes = rsa.toPublicJWK().toJSONString().getBytes();
            var forged = new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(publicBytes)
                    .keyID("rsa-1").build();
            String token = Jws.sign(forged, JWSAlgorithm.HS256, claims());
            assertThat(reasonOf(token)).isEqualTo(Reason.ALGORITHM);
        }

        @Test
        void algorithmNotAllowedForIssuer() {
            TokenValidator validator = validator(issuer().algorithms(JWSAlgorithm.ES256));
            assertThat(validator.validate(rs256(claims())).rejection().reason())
                    .isEqualTo(Reason.ALGORITHM);
        }

        @Test
        void keyTypeThatDoesNotFitTheAlgorithm() {
            String token = Jws.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1")
                    .build(), ec, claims());
            assertThat(reasonOf(token)).isEqualTo(Reason.ALGORITHM);
        }

        @Test
        void keyWhoseOwnAlgDiffers() throws Exception {
            RSAKey pinned = new RSAKey.Builder(rsa.toPublicJWK()).algorithm(JWSAlgorithm.PS256)
                    .build();
            keys.setKeys(List.of(pinned));
            assertThat(reasonOf(rs256(claims()))).isEqualTo(Reason.ALGORITHM);
        }

        @Test
        void unknownKeyId() {
            String token = Jws.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope")
                    .build(), rsa, claims());
            assertThat(reasonOf(token)).isEqualTo(Reason.KEY_NOT_FOUND);
        }

        @Test
        void unknownKeyIdWhileTheIssuerCannotBeReachedIsUnavailable() {
            keys.setRefreshFailing(true);
            String token = Jws.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("new")
                    .build(), rsa, claims());
            Reason reason = reasonOf(token);
            assertThat(reason).isEqualTo(Reason.KEYS_UNAVAILABLE);
            assertThat(reason.isClientFault()).isFalse();
        }

        @Test
        void knownKeyStillServesWhileRefreshFails() {
            keys.setRefreshFailing(true);
            assertThat(validator().validate(rs256(claims())).isValid()).isTrue();
        }

        @Test
        void keysUnavailable() {
            keys.setUnavailable();
            assertThat(reasonOf(rs256(claims()))).isEqualTo(Reason.KEYS_UNAVAILABLE);
        }

        @Test
        void tamperedPayload() {
            String token = rs256(claims());
            String[] parts = token.split("\\.");
            String forgedPayload = com.nimbusds.jose.util.Base64URL.encode(
                    com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
                            Jws.with(claims(), "realm_access", Map.of("roles", List.of("admin"))))
                    ).toString();
            assertThat(reasonOf(parts[0] + "." + forgedPayload + "." + parts[2]))
                    .isEqualTo(Reason.SIGNATURE);
        }

        @Test
        void signatureByAnotherKeyWithTheSameKeyId() {
            assertThat(reasonOf(Jws.sign(otherRsa, JWSAlgorithm.RS256, claims())))
                    .isEqualTo(Reason.SIGNATURE);
        }

        @Test
        void embeddedKeysInTheHeaderAreNeverTrusted() throws Exception {
            // A token that carries its own key (jwk), or points at one (jku, x5u), must still be
            // verified with the issuer's keys only.
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                    .jwk(otherRsa.toPublicJWK())
                    .jwkURL(URI.create("https://attacker.invalid/jwks"))
                    .x509CertURL(URI.create("https://attacker.invalid/cert"))
                    .build();
            String token = Jws.sign(header, otherRsa, claims());
            assertThat(reasonOf(token)).isEqualTo(Reason.SIGNATURE);
        }

        @Test
        void criticalExtensions() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                    .criticalParams(Set.of("exp")).customParam("exp", 1).build();
            assertThat(reasonOf(Jws.sign(header, rsa, claims()))).isEqualTo(Reason.CRIT);
        }

        @Test
        void expiredBeyondSkew() {
            String token = rs256(claims());
            clock.advance(Duration.ofSeconds(300 + 60));
            assertThat(reasonOf(token)).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void tooOld() {
            TokenValidator validator = validator(issuer().maxTokenAge(Duration.ofMinutes(1)));
            String token = rs256(Jws.with(claims(), "exp", NOW.plusSeconds(3600).getEpochSecond()));
            clock.advance(Duration.ofMinutes(3));
            assertThat(validator.validate(token).rejection().reason()).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void notYetValid() {
            long later = NOW.plusSeconds(120).getEpochSecond();
            assertThat(reasonOf(rs256(Jws.with(claims(), "nbf", later))))
                    .isEqualTo(Reason.NOT_YET_VALID);
            assertThat(reasonOf(rs256(Jws.with(claims(), "iat", later))))
                    .isEqualTo(Reason.NOT_YET_VALID);
        }

        @Test
        void untrustedOrMissingIssuer() {
            assertThat(reasonOf(rs256(Jws.with(claims(), "iss", ISSUER + "/"))))
                    .isEqualTo(Reason.ISSUER);
            assertThat(reasonOf(rs256(Jws.with(claims(), "iss", "https://evil.invalid"))))
                    .isEqualTo(Reason.ISSUER);
            assertThat(reasonOf(rs256(Jws.with(claims(), "iss", null))))
                    .isEqualTo(Reason.ISSUER);
        }

        @Test
        void untrustedIssuerIsRefusedBeforeAnyKeyLookup() {
            validator().validate(rs256(Jws.with(claims(), "iss", "https://evil.invalid")));
            assertThat(keys.lookups.get()).isZero();
        }

        @Test
        void wrongAudience() {
            assertThat(reasonOf(rs256(Jws.with(claims(), "aud", "billing-service"))))
                    .isEqualTo(Reason.AUDIENCE);
            assertThat(reasonOf(rs256(Jws.with(claims(), "aud", null))))
                    .isEqualTo(Reason.AUDIENCE);
        }

        @Test
        void idTokenAsAccessToken() {
            assertThat(reasonOf(rs256(Jws.with(claims(), "typ", "ID")))).isEqualTo(Reason.TYPE);
            assertThat(reasonOf(rs256(Jws.with(claims(), "typ", "Refresh"))))
                    .isEqualTo(Reason.TYPE);
            for (String typ : List.of("logout+jwt", "application/dpop+jwt", "secevent+jwt")) {
                String token = Jws.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                        .type(new JOSEObjectType(typ)).build(), rsa, claims());
                assertThat(reasonOf(token)).as(typ).isEqualTo(Reason.TYPE);
            }
            TokenValidator strict = validator(issuer().tokenType(TokenTypePolicy.ACCESS_TOKEN));
            assertThat(strict.validate(rs256(claims())).rejection().reason())
                    .isEqualTo(Reason.TYPE);
        }

        @Test
        void claimsOfTheWrongType() {
            Map<String, Object> odd = new LinkedHashMap<>();
            odd.put("exp", "tomorrow");
            odd.put("nbf", true);
            odd.put("iat", List.of(1));
            odd.put("aud", 42);
            odd.put("sub", Map.of("id", 1));
            odd.put("azp", List.of("x"));
            odd.put("iss", 7);
            for (Map.Entry<String, Object> claim : odd.entrySet()) {
                String token = rs256(Jws.with(claims(), claim.getKey(), claim.getValue()));
                assertThat(reasonOf(token)).as(claim.getKey()).isEqualTo(Reason.CLAIMS);
            }
            assertThat(reasonOf(rs256(Jws.with(claims(), "aud", List.of("orders-service", 1)))))
                    .isEqualTo(Reason.CLAIMS);
            assertThat(reasonOf(rs256(Jws.with(claims(), "exp", Long.MAX_VALUE))))
                    .isEqualTo(Reason.CLAIMS);
            assertThat(reasonOf(rs256(Jws.with(claims(), "iat", Long.MIN_VALUE))))
                    .isEqualTo(Reason.CLAIMS);
        }

        @Test
        void missingRequiredClaims() {
            assertThat(reasonOf(rs256(Jws.with(claims(), "exp", null)))).isEqualTo(Reason.CLAIMS);
            Map<String, Object> anonymous = Jws.with(Jws.with(claims(), "sub", null), "azp", null);
            assertThat(reasonOf(rs256(anonymous))).isEqualTo(Reason.CLAIMS);
            TokenValidator validator = validator(issuer().requiredClaims("jti", "tenant"));
            assertThat(validator.validate(rs256(claims())).rejection().reason())
                    .isEqualTo(Reason.CLAIMS);
        }

        @Test
        void rejectionsNameTheClaimedIssuerAndKeyButNeverTheToken() {
            String token = rs256(Jws.with(claims(), "aud", "billing-service"));
            Rejection rejection = validator().validate(token).rejection();
            assertThat(rejection.issuer()).contains(ISSUER);
            assertThat(rejection.keyId()).contains("rsa-1");
            assertThat(rejection.toString()).doesNotContain(token.split("\\.")[1]);
        }
    }

    @Nested
    class ClaimShapes {
        @Test
        void oddRoleAndScopeShapesGrantNothing() {
            Map<String, Object> claims = claims();
            claims.put("realm_access", List.of("admin"));
            claims.put("resource_access", Map.of("orders", List.of("refund"),
                    "billing", Map.of("roles", "admin")));
            claims.put("scope", 12);
            claims.put("scp", List.of("orders:write", 3));
            TokenPrincipal p = validator().validate(rs256(claims)).principal();
            assertThat(p.roles()).isEmpty();
            assertThat(p.clientRoles()).isEmpty();
            assertThat(p.scopes()).containsExactly("orders:write");
        }

        @Test
        void claimsAreImmutable() {
            TokenPrincipal p = validator().validate(rs256(claims())).principal();
            @SuppressWarnings("unchecked")
            Map<String, Object> access = (Map<String, Object>) p.claims().get("realm_access");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> access.put("roles", "x"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void groupsPreset() {
            TokenValidator validator = validator(issuer().claimMapping(ClaimMapping.groupsClaim()));
            TokenPrincipal p = validator.validate(
                    rs256(Jws.with(claims(), "groups", List.of("sales", "eu")))).principal();
            assertThat(p.roles()).containsExactlyInAnyOrder("sales", "eu");
            assertThat(p.clientRoles()).isEmpty();
        }
    }

    @Nested
    class Cache {
        @Test
        void aTokenSeenAgainIsNotVerifiedAgain() {
            TokenValidator validator = validator();
            String token = rs256(claims());
            ValidationResult first = validator.validate(token);
            ValidationResult second = validator.validate(token);
            assertThat(second.principal()).isSameAs(first.principal());
            assertThat(keys.lookups.get()).isEqualTo(1);
        }

        @Test
        void expiryIsCheckedAgainOnEveryHit() {
            TokenValidator validator = validator();
            String token = rs256(claims());
            assertThat(validator.validate(token).isValid()).isTrue();
            clock.advance(Duration.ofMinutes(10));
            assertThat(validator.validate(token).rejection().reason()).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void aWithdrawnKeyStopsVouchingForCachedTokens() {
            TokenValidator validator = validator();
            String token = rs256(claims());
            assertThat(validator.validate(token).isValid()).isTrue();
            keys.setKeys(List.of(ec.toPublicJWK()));
            assertThat(validator.validate(token).rejection().reason())
                    .isEqualTo(Reason.KEY_NOT_FOUND);
        }

        @Test
        void aRefetchedButUnchangedKeyKeepsTheEntry() {
            TokenValidator validator = validator();
            String token = rs256(claims());
            validator.validate(token);
            keys.setKeys(List.of(rsa.toPublicJWK()));
            assertThat(validator.validate(token).isValid()).isTrue();
            assertThat(keys.lookups.get()).isEqualTo(1);
        }

        @Test
        void canBeSwitchedOff() {
            TokenValidator validator = TokenValidator.builder().issuer(issuer().build())
                    .clock(clock).keySourceFactory((c, k) -> keys).withoutVerifiedTokenCache()
                    .build();
            String token = rs256(claims());
            validator.validate(token);
            validator.validate(token);
            assertThat(keys.lookups.get()).isEqualTo(2);
        }
    }

    @Nested
    class Async {
        @Test
        void completesAtOnceWhenKeysAreCached() {
            CompletionStage<ValidationResult> stage = validator().validateAsync(rs256(claims()));
            assertThat(stage.toCompletableFuture()).isDone();
            assertThat(stage.toCompletableFuture().join().isValid()).isTrue();
        }

        @Test
        void waitsForKeysWithoutBlocking() {
            CompletableFuture<io.portcullis.keys.KeySet> held = keys.holdLookups();
            CompletableFuture<ValidationResult> result =
                    validator().validateAsync(rs256(claims())).toCompletableFuture();
            assertThat(result).isNotDone();
            held.complete(keys.cached().orElseThrow());
            assertThat(result.join().isValid()).isTrue();
        }

        @Test
        void keySourceFailureIsUnavailable() {
            CompletableFuture<io.portcullis.keys.KeySet> held = keys.holdLookups();
            CompletableFuture<ValidationResult> result =
                    validator().validateAsync(rs256(claims())).toCompletableFuture();
            held.completeExceptionally(new io.portcullis.keys.KeysUnavailableException("down"));
            assertThat(result.join().rejection().reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
        }

        @Test
        void malformedTokensCompleteAtOnce() {
            assertThat(validator().validateAsync("x.y").toCompletableFuture().join()
                    .rejection().reason()).isEqualTo(Reason.MALFORMED);
        }
    }

    @Nested
    class Listener {
        @Test
        void hearsAcceptancesAndRefusals() {
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            TokenValidator validator = TokenValidator.builder().issuer(issuer().build())
                    .clock(clock).keySourceFactory((c, k) -> keys)
                    .listener(new ValidationListener() {
                        @Override
                        public void accepted(TokenPrincipal p, boolean hit, long nanos) {
                            heard.add("accepted " + p.subject() + " hit=" + hit);
                        }

                        @Override
                        public void rejected(Rejection r, long nanos) {
                            heard.add("rejected " + r.reason().code());
                        }
                    }).build();
            String token = rs256(claims());
            validator.validate(token);
            validator.validate(token);
            validator.validate("nope");
            assertThat(heard).containsExactly("accepted alice hit=false",
                    "accepted alice hit=true", "rejected malformed");
        }
    }
}
