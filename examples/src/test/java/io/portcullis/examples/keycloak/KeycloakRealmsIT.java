package io.portcullis.examples.keycloak;

import static io.portcullis.examples.keycloak.Realms.ORDERS_BATCH;
import static io.portcullis.examples.keycloak.Realms.ORDERS_BATCH_SECRET;
import static io.portcullis.examples.keycloak.Realms.ORDERS_CLI;
import static io.portcullis.examples.keycloak.Realms.ORDERS_SERVICE;
import static io.portcullis.examples.keycloak.Realms.SCOPE_READ;
import static io.portcullis.examples.keycloak.Realms.SCOPE_WRITE;
import static io.portcullis.examples.keycloak.Tokens.claims;
import static io.portcullis.examples.keycloak.Tokens.clientRoles;
import static io.portcullis.examples.keycloak.Tokens.parse;
import static io.portcullis.examples.keycloak.Tokens.realmRoles;
import static io.portcullis.examples.keycloak.Tokens.scopes;
import static io.portcullis.examples.keycloak.Tokens.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the end-to-end tests rely on in the realms of the real Keycloak: issuers, the claims of
 * each grant and user, signing algorithms, the JWKS, and key rotation.
 */
class KeycloakRealmsIT {

    private static final Set<String> SERVICE_ROLES =
            Set.of(Realms.READER, Realms.WRITER, Realms.ADMIN);

    static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.shared();
    }

    static Stream<String> allRealms() {
        return Realms.ALL.stream();
    }

    static Stream<String> environments() {
        return Realms.ENVIRONMENTS.stream();
    }

    String expectedIssuer(String realm) {
        return "http://127.0.0.1:" + keycloak.port() + "/realms/" + realm;
    }

    @ParameterizedTest
    @MethodSource("allRealms")
    void discoveryNamesTheRealmOnLoopbackAsIssuer(String realm) {
        Map<String, Object> metadata = keycloak.discovery(realm);

        assertThat(keycloak.issuer(realm)).isEqualTo(expectedIssuer(realm));
        assertThat(metadata)
                .containsEntry("issuer", expectedIssuer(realm))
                .containsEntry("jwks_uri", expectedIssuer(realm) + "/protocol/openid-connect/certs")
                .containsEntry("token_endpoint",
                        expectedIssuer(realm) + "/protocol/openid-connect/token");
    }

    @ParameterizedTest
    @MethodSource("environments")
    void serviceAccountTokenNamesTheServiceAndCarriesBothScopes(String realm)
            throws ParseException {
        SignedJWT jwt = parse(keycloak.clientCredentialsToken(realm, ORDERS_BATCH,
                ORDERS_BATCH_SECRET));
        JWTClaimsSet claims = claims(jwt);

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(claims.getIssuer()).isEqualTo(expectedIssuer(realm));
        assertThat(claims.getAudience()).contains(ORDERS_SERVICE);
        assertThat(claims.getStringClaim("azp")).isEqualTo(ORDERS_BATCH);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(ORDERS_BATCH);
        assertThat(realmRoles(claims)).contains(Realms.READER, Realms.WRITER)
                .doesNotContain(Realms.ADMIN);
        assertThat(scopes(claims)).contains(SCOPE_READ, SCOPE_WRITE);
        assertThat(verifies(jwt, keycloak.jwks(realm))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("environments")
    void passwordTokensCarryEachUsersRolesAndDepartment(String realm) throws ParseException {
        JWKSet jwks = keycloak.jwks(realm);
        for (RealmUser user : RealmUser.values()) {
            SignedJWT jwt = parse(keycloak.passwordToken(realm, user));
            JWTClaimsSet claims = claims(jwt);
            String who = realm + "/" + user.username();

            assertThat(claims.getIssuer()).as(who).isEqualTo(expectedIssuer(realm));
            assertThat(claims.getSubject()).as(who).isNotBlank();
            assertThat(claims.getStringClaim("preferred_username")).as(who)
                    .isEqualTo(user.username());
            assertThat(claims.getStringClaim("azp")).as(who).isEqualTo(ORDERS_CLI);
            assertThat(claims.getAudience()).as(who).contains(ORDERS_SERVICE);
            assertThat(realmRoles(claims)).as(who).contains("default-roles-" + realm);
            assertThat(realmRoles(claims).stream().filter(SERVICE_ROLES::contains).toList())
                    .as(who).isEqualTo(user.role().stream().toList());
            assertThat(clientRoles(claims, ORDERS_SERVICE)).as(who).isEqualTo(
                    user == RealmUser.REFUNDER ? List.of(Realms.REFUND_ROLE) : List.of());
            assertThat(claims.getStringClaim("department")).as(who)
                    .isEqualTo(user.department().orElse(null));
            assertThat(scopes(claims)).as(who).contains(SCOPE_READ).doesNotContain(SCOPE_WRITE);
            assertThat(verifies(jwt, jwks)).as(who).isTrue();
        }
    }

    @Test
    void writeScopeIsGrantedToAPasswordTokenThatAsksForIt() {
        RealmUser writer = RealmUser.WRITER;
        SignedJWT jwt = parse(keycloak.passwordToken("dev", ORDERS_CLI, writer.username(),
                writer.password(), SCOPE_WRITE));

        assertThat(scopes(claims(jwt))).contains(SCOPE_READ, SCOPE_WRITE);
    }

    /** RFC 6749, section 5.2: bad resource owner credentials are an invalid_grant, HTTP 400. */
    @Test
    void wrongPasswordIsRefusedAsInvalidGrant() {
        assertThatThrownBy(() -> keycloak.passwordToken("dev", ORDERS_CLI, "reader", "wrong"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_grant");
    }

    @Test
    void tokenWithAChangedPayloadDoesNotVerify() throws ParseException {
        SignedJWT jwt = parse(keycloak.passwordToken("prod", RealmUser.READER));
        JWTClaimsSet raised = new JWTClaimsSet.Builder(claims(jwt))
                .claim("realm_access", Map.of("roles", List.of(Realms.ADMIN)))
                .build();
        SignedJWT forged = new SignedJWT(jwt.getHeader().toBase64URL(),
                Base64URL.encode(raised.toString()), jwt.getSignature());

        assertThat(verifies(forged, keycloak.jwks("prod"))).isFalse();
    }

    @Test
    void ecRealmSignsEveryGrantWithEs256() {
        JWKSet jwks = keycloak.jwks(Realms.PROD_EC);
        List<SignedJWT> tokens = List.of(
                parse(keycloak.clientCredentialsToken(Realms.PROD_EC, ORDERS_BATCH,
                        ORDERS_BATCH_SECRET)),
                parse(keycloak.passwordToken(Realms.PROD_EC, RealmUser.READER)));

        assertThat(jwks.getKeys()).filteredOn(k -> KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k).isInstanceOf(ECKey.class));
        for (SignedJWT jwt : tokens) {
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).isInstanceOfSatisfying(ECKey.class,
                    ec -> assertThat(ec.getCurve()).isEqualTo(Curve.P_256));
            assertThat(claims(jwt).getIssuer()).isEqualTo(expectedIssuer(Realms.PROD_EC));
            assertThat(verifies(jwt, jwks)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("environments")
    void jwksHoldsAnEncryptionKeyBesideTheSigningKey(String realm) {
        JWKSet jwks = keycloak.jwks(realm);
        SignedJWT jwt = parse(keycloak.passwordToken(realm, RealmUser.READER));

        assertThat(jwks.getKeys())
                .anySatisfy(k -> {
                    assertThat(k.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
                    assertThat(k.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
                })
                .anySatisfy(k -> assertThat(k.getKeyUse()).isEqualTo(KeyUse.ENCRYPTION));
        assertThat(jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).getKeyUse())
                .isEqualTo(KeyUse.SIGNATURE);
    }

    @Test
    void anAddedKeySignsNewTokensUntilItIsDisabled() {
        String realm = "staging";
        KeycloakAdmin admin = keycloak.admin();
        SignedJWT before = parse(keycloak.passwordToken(realm, RealmUser.READER));
        String oldKid = before.getHeader().getKeyID();
        long topPriority = admin.keys(realm).stream()
                .filter(k -> k.algorithm().equals("RS256") && k.status().equals("ACTIVE"))
                .mapToLong(RealmKey::priority)
                .max()
                .orElseThrow();

        RealmKey added = admin.addRsaKey(realm, (int) topPriority + 100);
        try {
            SignedJWT after = parse(keycloak.passwordToken(realm, RealmUser.READER));
            JWKSet jwks = keycloak.jwks(realm);

            assertThat(added.kid()).isNotEqualTo(oldKid);
            assertThat(jwks.getKeyByKeyId(added.kid())).isNotNull();
            assertThat(jwks.getKeyByKeyId(oldKid)).isNotNull();
            assertThat(after.getHeader().getKeyID()).isEqualTo(added.kid());
            assertThat(verifies(after, jwks)).isTrue();
            assertThat(verifies(before, jwks)).isTrue();
        } finally {
            admin.disableKey(realm, added.componentId());
        }

        await("kid " + added.kid() + " gone from the JWKS")
                .atMost(Duration.ofSeconds(30))
                .until(() -> keycloak.jwks(realm).getKeyByKeyId(added.kid()) == null);
        SignedJWT later = parse(keycloak.passwordToken(realm, RealmUser.READER));
        assertThat(later.getHeader().getKeyID()).isEqualTo(oldKid);
    }
}
