package io.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signatures made by Nimbus's signers (an independent implementation) checked by each provider:
 * the JDK's and BouncyCastle's.
 */
class SignatureCheckTest {

    static final byte[] INPUT = "eyJhbGciOiJ0ZXN0In0.eyJzdWIiOiJhbGljZSJ9"
            .getBytes(StandardCharsets.US_ASCII);

    static RSAKey rsa;
    static ECKey p256;
    static ECKey p384;
    static ECKey p521;
    static OctetKeyPair ed25519;
    static OctetSequenceKey secret512;

    @BeforeAll
    static void makeKeys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        p256 = new ECKeyGenerator(Curve.P_256).keyID("p256").generate();
        p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
        p521 = new ECKeyGenerator(Curve.P_521).keyID("p521").generate();
        ed25519 = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
        secret512 = new OctetSequenceKeyGenerator(512).keyID("hmac").generate();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (CryptoProviders providers : List.of(CryptoProviders.jdk(),
                CryptoProviders.bouncyCastle())) {
            for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
                    JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.HS256,
                    JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                all.add(Arguments.of(algorithm, providers.describe(), providers));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void acceptsTheGenuineSignatureAndRefusesAnyChange(JWSAlgorithm algorithm, String name,
            CryptoProviders providers) throws Exception {
        KeySet.VerificationKey key = key(algorithm, providers);
        byte[] signature = sign(algorithm, INPUT);

        assertThat(key.verify(algorithm, INPUT, INPUT.length, signature)).isTrue();
        // Again, with the engine the first check gave back.
        assertThat(key.verify(algorithm, INPUT, INPUT.length, signature)).isTrue();

        byte[] otherInput = INPUT.clone();
        otherInput[otherInput.length - 1] ^= 1;
        assertThat(key.verify(algorithm, otherInput, otherInput.length, signature)).isFalse();

        byte[] flipped = signature.clone();
        flipped[flipped.length / 2] ^= 1;
        assertThat(key.verify(algorithm, INPUT, INPUT.length, flipped)).isFalse();

        assertThat(key.verify(algorithm, INPUT, INPUT.length,
                Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(key.verify(algorithm, INPUT, INPUT.length,
                Arrays.copyOf(signature, signature.length + 1))).isFalse();
        assertThat(key.verify(algorithm, INPUT, INPUT.length, new byte[0])).isFalse();
        // A check that failed leaves the engine usable.
        assertThat(key.verify(algorithm, INPUT, INPUT.length, signature)).isTrue();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void readsOnlyThePrefixItIsGiven(JWSAlgorithm algorithm, String name,
            CryptoProviders providers) throws Exception {
        KeySet.VerificationKey key = key(algorithm, providers);
        byte[] withSignaturePart = Arrays.copyOf(INPUT, INPUT.length + 5);
        withSignaturePart[INPUT.length] = '.';

        assertThat(key.verify(algorithm, withSignaturePart, INPUT.length,
                sign(algorithm, INPUT))).isTrue();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("ecdsa")
    void refusesEcdsaSignaturesOutsideTheGroupOrder(JWSAlgorithm algorithm, ECKey jwk,
            CryptoProviders providers) throws Exception {
        KeySet.VerificationKey key = KeySet.of(List.of(jwk.toPublicJWK()), Instant.EPOCH,
                providers).candidates(null, algorithm).get(0);
        int half = sign(algorithm, INPUT).length / 2;
        BigInteger order = ((ECPublicKey) jwk.toECPublicKey()).getParams().getOrder();

        assertThat(key.verify(algorithm, INPUT, INPUT.length, new byte[2 * half])).isFalse();
        byte[] orderAndOne = new byte[2 * half];
        put(order, orderAndOne, 0, half);
        orderAndOne[2 * half - 1] = 1;
        assertThat(key.verify(algorithm, INPUT, INPUT.length, orderAndOne)).isFalse();
    }

    static Stream<Arguments> ecdsa() {
        List<Arguments> all = new ArrayList<>();
        for (CryptoProviders providers : List.of(CryptoProviders.jdk(),
                CryptoProviders.bouncyCastle())) {
            all.add(Arguments.of(JWSAlgorithm.ES256, p256, providers));
            all.add(Arguments.of(JWSAlgorithm.ES384, p384, providers));
            all.add(Arguments.of(JWSAlgorithm.ES512, p521, providers));
        }
        return all.stream();
    }

    @Test
    void aSecretShorterThanTheHashDoesNotFitTheAlgorithm() throws Exception {
        JWK secret256 = new OctetSequenceKeyGenerator(256).generate();
        KeySet keys = KeySet.of(List.of(secret256), Instant.EPOCH);

        assertThat(keys.candidates(null, JWSAlgorithm.HS256)).hasSize(1);
        assertThat(keys.candidates(null, JWSAlgorithm.HS384)).isEmpty();
        assertThat(keys.candidates(null, JWSAlgorithm.HS512)).isEmpty();
    }

    @Test
    void threadsSharingOneKeyEachGetTheRightAnswer() throws Exception {
        KeySet.VerificationKey key = key(JWSAlgorithm.HS256, CryptoProviders.jdk());
        byte[] genuine = sign(JWSAlgorithm.HS256, INPUT);
        byte[] forged = genuine.clone();
        forged[0] ^= 1;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                byte[] signature = i % 2 == 0 ? genuine : forged;
                answers.add(threads.submit(
                        () -> key.verify(JWSAlgorithm.HS256, INPUT, INPUT.length, signature)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void bouncyCastleIsFoundOnTheClassPath() {
        assertThat(CryptoProviders.detect().describe()).startsWith("BC ");
        assertThat(CryptoProviders.jdk().describe()).isEqualTo("JDK");
    }

    @Test
    void anEd25519KeyOfTheWrongLengthCannotVerify() throws Exception {
        OctetKeyPair shortKey = new OctetKeyPair.Builder(Curve.Ed25519,
                com.nimbusds.jose.util.Base64URL.encode(new byte[31])).build();
        KeySet.VerificationKey key = KeySet.of(List.of(shortKey), Instant.EPOCH)
                .candidates(null, JWSAlgorithm.EdDSA).get(0);

        assertThatThrownBy(() -> key.verify(JWSAlgorithm.EdDSA, INPUT, INPUT.length,
                new byte[64])).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    private static KeySet.VerificationKey key(JWSAlgorithm algorithm, CryptoProviders providers)
            throws Exception {
        JWK jwk = signingKey(algorithm);
        JWK published = jwk instanceof OctetSequenceKey ? jwk : jwk.toPublicJWK();
        List<KeySet.VerificationKey> candidates = KeySet.of(List.of(published), Instant.EPOCH,
                providers).candidates(jwk.getKeyID(), algorithm);
        assertThat(candidates).hasSize(1);
        return candidates.get(0);
    }

    private static JWK signingKey(JWSAlgorithm algorithm) {
        switch (algorithm.getName()) {
            case "ES256":
                return p256;
            case "ES384":
                return p384;
            case "ES512":
                return p521;
            case "EdDSA":
                return ed25519;
            default:
                return algorithm.getName().startsWith("HS") ? secret512 : rsa;
        }
    }

    private static byte[] sign(JWSAlgorithm algorithm, byte[] input) throws Exception {
        JWK jwk = signingKey(algorithm);
        JWSSigner signer;
        if (jwk instanceof RSAKey) {
            signer = new RSASSASigner((RSAKey) jwk);
        } else if (jwk instanceof ECKey) {
            signer = new ECDSASigner((ECKey) jwk);
        } else if (jwk instanceof OctetKeyPair) {
            signer = new Ed25519Signer((OctetKeyPair) jwk);
        } else {
            signer = new MACSigner((OctetSequenceKey) jwk);
        }
        return signer.sign(new JWSHeader(algorithm), input).decode();
    }

    private static void put(BigInteger value, byte[] into, int from, int length) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > length ? bytes.length - length : 0;
        System.arraycopy(bytes, skip, into, from + length - (bytes.length - skip),
                bytes.length - skip);
    }
}
