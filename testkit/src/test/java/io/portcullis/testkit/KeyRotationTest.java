package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.builder().encryptionKey(false).start();
    }

    @AfterEach
    void closeIssuer() {
        issuer.close();
    }

    @Test
    void rotationMakesANewActiveKeyAndKeepsTheOldOnePublished() {
        String first = issuer.activeKeyId();
        String before = issuer.token().sign();

        String second = issuer.rotateKey();

        assertThat(second).isNotEqualTo(first);
        assertThat(issuer.activeKeyId()).isEqualTo(second);
        assertThat(issuer.activeAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(issuer.publishedKeyIds()).containsExactly(first, second);
        String after = issuer.token().sign();
        assertThat(Jwts.header(after)).containsEntry("kid", second);
        JWKSet served = Jwts.fetchJwks(issuer);
        assertThat(served.getKeys()).extracting(JWK::getKeyID).containsExactly(first, second);
        assertThat(Jwts.verifies(before, served)).isTrue();
        assertThat(Jwts.verifies(after, served)).isTrue();
    }

    @Test
    void rotationCanChangeTheAlgorithm() {
        String es256 = issuer.rotateKey(JWSAlgorithm.ES256);

        assertThat(issuer.activeAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        String token = issuer.token().sign();
        assertThat(Jwts.header(token)).containsEntry("alg", "ES256").containsEntry("kid", es256);
        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer))).isTrue();

        String next = issuer.rotateKey();
        assertThat(issuer.publicJwks().getKeyByKeyId(next).getAlgorithm())
                .isEqualTo(JWSAlgorithm.ES256);
    }

    @Test
    void aRetiredKeyLeavesTheJwksButCanStillSign() {
        String old = issuer.activeKeyId();
        issuer.rotateKey();

        issuer.retireKey(old);

        JWKSet served = Jwts.fetchJwks(issuer);
        assertThat(served.getKeyByKeyId(old)).isNull();
        assertThat(issuer.publishedKeyIds()).doesNotContain(old);
        String leftover = issuer.token().signedWith(old).sign();
        assertThat(Jwts.header(leftover)).containsEntry("kid", old);
        assertThat(Jwts.verifies(leftover, served)).isFalse();
    }

    @Test
    void theActiveKeyCannotBeRetired() {
        assertThatThrownBy(() -> issuer.retireKey(issuer.activeKeyId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rotate");
        assertThatThrownBy(() -> issuer.retireKey("unknown"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
    }

    @Test
    void addedKeysArePublishedButNotActive() {
        String active = issuer.activeKeyId();

        String added = issuer.addKey(JWSAlgorithm.PS256);

        assertThat(issuer.activeKeyId()).isEqualTo(active);
        assertThat(issuer.publishedKeyIds()).containsExactly(active, added);
        String token = issuer.token().algorithm(JWSAlgorithm.PS256).sign();
        assertThat(Jwts.header(token)).containsEntry("kid", added);
        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer))).isTrue();
    }

    @Test
    void signingWithAnAlgorithmWithoutAKeyPublishesANewOne() {
        String token = issuer.token().algorithm(JWSAlgorithm.ES512).sign();

        String keyId = String.valueOf(Jwts.header(token).get("kid"));
        assertThat(issuer.publishedKeyIds()).hasSize(2).contains(keyId);
        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer))).isTrue();
    }

    @Test
    void aRetiredKeyIsNotPickedForItsAlgorithm() {
        String es256 = issuer.addKey(JWSAlgorithm.ES256);
        issuer.retireKey(es256);

        String token = issuer.token().algorithm(JWSAlgorithm.ES256).sign();

        assertThat(Jwts.header(token).get("kid")).isNotEqualTo(es256);
        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer))).isTrue();
    }

    @Test
    void firstKeyAlgorithmIsConfigurable() {
        try (TestIssuer ed = TestIssuer.builder().signingAlgorithm(JWSAlgorithm.EdDSA)
                .encryptionKey(false).start()) {
            String token = ed.token().sign();

            assertThat(Jwts.header(token)).containsEntry("alg", "EdDSA");
            assertThat(Jwts.verifies(token, Jwts.fetchJwks(ed))).isTrue();
        }
        assertThatThrownBy(() -> TestIssuer.builder().signingAlgorithm(JWSAlgorithm.HS256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issuersNeverShareKeys() {
        try (TestIssuer other = TestIssuer.builder().encryptionKey(false).start()) {
            String token = other.token().keyId(issuer.activeKeyId()).sign();

            assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer))).isFalse();
        }
    }
}
