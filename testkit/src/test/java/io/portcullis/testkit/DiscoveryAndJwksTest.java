package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryAndJwksTest {

    /** JWK members that hold private key material (RFC 7518 sections 6.2.2, 6.3.2 and 6.4). */
    private static final List<String> PRIVATE_MEMBERS =
            List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create();

    @Test
    void issuerLivesOnLoopbackUnderAKeycloakShapedPath() {
        URI issuerId = URI.create(issuer.issuer());

        assertThat(issuerId.getScheme()).isEqualTo("http");
        assertThat(issuerId.getHost()).isEqualTo("127.0.0.1");
        assertThat(issuerId.getPort()).isEqualTo(issuer.server().port()).isPositive();
        assertThat(issuerId.getPath()).isEqualTo("/realms/test");
        assertThat(issuer.discoveryUri())
                .hasToString(issuer.issuer() + "/.well-known/openid-configuration");
        assertThat(issuer.jwksUri())
                .hasToString(issuer.issuer() + "/protocol/openid-connect/certs");
        assertThat(issuer.tokenEndpoint())
                .hasToString(issuer.issuer() + "/protocol/openid-connect/token");
    }

    @Test
    void discoveryNamesTheIssuerAndItsEndpoints() throws Exception {
        HttpResponse<String> response = Http.get(issuer.discoveryUri());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> document = Jwts.json(response.body());
        assertThat(document).containsEntry("issuer", issuer.issuer())
                .containsEntry("jwks_uri", issuer.jwksUri().toString())
                .containsEntry("token_endpoint", issuer.tokenEndpoint().toString())
                .containsKeys("authorization_endpoint", "response_types_supported",
                        "subject_types_supported");
        assertThat(JSONObjectUtils.getStringList(document, "id_token_signing_alg_values_supported"))
                .contains("RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA", "HS256");
        assertThat(JSONObjectUtils.getStringList(document, "grant_types_supported"))
                .containsExactlyInAnyOrder("client_credentials", "password");
    }

    @Test
    void jwksListsThePublicSigningKeyAndAnEncryptionKey() throws Exception {
        HttpResponse<String> response = Http.get(issuer.jwksUri());

        assertThat(response.statusCode()).isEqualTo(200);
        JWKSet jwks = JWKSet.parse(response.body());
        JWK signing = jwks.getKeyByKeyId(issuer.activeKeyId());
        assertThat(signing).isNotNull();
        assertThat(signing.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(signing.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(signing.toRSAKey().size()).isEqualTo(2048);
        assertThat(signing.isPrivate()).isFalse();

        String encryptionKeyId = issuer.encryptionKeyId().orElseThrow();
        JWK encryption = jwks.getKeyByKeyId(encryptionKeyId);
        assertThat(encryption.getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
        assertThat(encryption.getAlgorithm().getName()).isEqualTo("RSA-OAEP");
        assertThat(encryptionKeyId).isNotEqualTo(issuer.activeKeyId());
    }

    @Test
    void jwksHoldsNoPrivateKeyMaterialForAnyAlgorithm() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.PS384, JWSAlgorithm.ES256,
                JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA)) {
            issuer.token().algorithm(algorithm).sign();
        }
        issuer.token().algorithm(JWSAlgorithm.HS256).sign();

        Map<String, Object> jwks = Jwts.json(Http.get(issuer.jwksUri()).body());

        Map<String, Object>[] keys = JSONObjectUtils.getJSONObjectArray(jwks, "keys");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(7);
        for (Map<String, Object> member : keys) {
            assertThat(member).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new));
            assertThat(member).containsKeys("kid", "use", "alg", "kty");
            assertThat(member.get("kty")).isNotEqualTo("oct");
        }
    }

    @Test
    void jwksCacheControlIsNoCacheUnlessSet() {
        assertThat(Http.get(issuer.jwksUri()).headers().firstValue("Cache-Control"))
                .hasValue("no-cache");

        issuer.cacheControl("max-age=600");
        assertThat(Http.get(issuer.jwksUri()).headers().firstValue("Cache-Control"))
                .hasValue("max-age=600");

        issuer.cacheControl(null);
        assertThat(Http.get(issuer.jwksUri()).headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void cacheControlCanBeConfiguredAtStart() {
        try (TestIssuer custom = TestIssuer.builder().cacheControl("max-age=60")
                .encryptionKey(false).start()) {
            HttpResponse<String> response = Http.get(custom.jwksUri());

            assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
            assertThat(custom.encryptionKeyId()).isEmpty();
            assertThat(custom.publicJwks().getKeys()).extracting(JWK::getKeyID)
                    .containsExactly(custom.activeKeyId());
        }
    }

    @Test
    void publicJwksIsWhatTheEndpointServes() {
        JWKSet served = Jwts.fetchJwks(issuer.get());

        assertThat(served.toJSONObject()).isEqualTo(issuer.publicJwks().toJSONObject());
    }

    @Test
    void unknownPathsAnswer404AndWrongMethods405() {
        URI base = issuer.server().baseUri();

        assertThat(Http.get(base.resolve("/realms/nobody/.well-known/openid-configuration"))
                .statusCode()).isEqualTo(404);
        assertThat(Http.get(base.resolve("/")).statusCode()).isEqualTo(404);
        assertThat(Http.get(URI.create(issuer.issuer() + "/protocol/openid-connect/userinfo"))
                .statusCode()).isEqualTo(404);
        HttpResponse<String> post = Http.request(issuer.jwksUri(), "POST");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(Http.request(issuer.jwksUri(), "HEAD").statusCode()).isEqualTo(200);
    }
}
