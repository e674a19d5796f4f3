package io.portcullis.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import java.util.List;

/** The JWS algorithms the issuer signs with, and how to make keys and signers for them. */
final class Algorithms {

    /** Bits of every generated RSA key, as Keycloak's default key provider uses. */
    static final int RSA_KEY_BITS = 2048;

    /** Bytes of randomness in a generated key id. */
    private static final int KEY_ID_BYTES = 16;

    /** Asymmetric algorithms, in the order discovery lists them (RFC 7518 section 3.1). */
    static final List<JWSAlgorithm> ASYMMETRIC = List.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** HMAC algorithms; their keys are shared secrets and never published. */
    static final List<JWSAlgorithm> HMAC =
            List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Algorithms() {
    }

    static boolean isHmac(JWSAlgorithm algorithm) {
        return HMAC.contains(algorithm);
    }

    /** Returns a fresh random key id, URL-safe like the ones Keycloak generates. */
    static String newKeyId() {
        byte[] bytes = new byte[KEY_ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    /** Returns {@code bytes} random bytes, for shared secrets. */
    static byte[] randomBytes(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /**
     * Generates a private signing key for {@code algorithm} with {@code use: sig} and the
     * algorithm set, so that its public half is what an issuer publishes.
     */
    static JWK generate(JWSAlgorithm algorithm, String keyId) {
        try {
            if (isRsa(algorithm)) {
                return new RSAKeyGenerator(RSA_KEY_BITS).keyID(keyId)
                        .keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            }
            Curve curve = ecCurve(algorithm);
            if (curve != null) {
                return new ECKeyGenerator(curve).keyID(keyId)
                        .keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            }
            if (isEd25519(algorithm)) {
                return new OctetKeyPairGenerator(Curve.Ed25519).keyID(keyId)
                        .keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a key for " + algorithm, e);
        }
        throw unsupported(algorithm);
    }

    /**
     * Returns a signer that signs with {@code key} under {@code algorithm}.
     *
     * @throws IllegalArgumentException if the key cannot sign with that algorithm
     */
    static JWSSigner signer(JWK key, JWSAlgorithm algorithm) {
        try {
            if (key instanceof RSAKey rsa && isRsa(algorithm)) {
                return new RSASSASigner(rsa);
            }
            if (key instanceof ECKey ec && ec.getCurve().equals(ecCurve(algorithm))) {
                return new ECDSASigner(ec);
            }
            if (key instanceof OctetKeyPair okp && isEd25519(algorithm)) {
                return new Ed25519Signer(okp);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key " + key.getKeyID() + " cannot sign", e);
        }
        throw new IllegalArgumentException("key " + key.getKeyID() + " of type "
                + key.getKeyType() + " cannot sign with " + algorithm);
    }

    /**
     * Returns an HMAC signer for {@code secret}.
     *
     * @throws IllegalArgumentException if the secret is shorter than RFC 7518 section 3.2 allows
     */
    static JWSSigner hmacSigner(byte[] secret, JWSAlgorithm algorithm) {
        try {
            MACSigner signer = new MACSigner(secret);
            if (!signer.supportedJWSAlgorithms().contains(algorithm)) {
                throw new IllegalArgumentException("a secret of " + secret.length
                        + " bytes is too short for " + algorithm + " (RFC 7518 section 3.2)");
            }
            return signer;
        } catch (JOSEException e) {
            throw new IllegalArgumentException(
                    "an HMAC secret needs at least 32 bytes (RFC 7518 section 3.2)", e);
        }
    }

    static IllegalArgumentException unsupported(JWSAlgorithm algorithm) {
        return new IllegalArgumentException("unsupported algorithm " + algorithm
                + "; use one of " + ASYMMETRIC + " or " + HMAC);
    }

    private static boolean isRsa(JWSAlgorithm algorithm) {
        return JWSAlgorithm.Family.RSA.contains(algorithm);
    }

    private static boolean isEd25519(JWSAlgorithm algorithm) {
        return JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm);
    }

    private static Curve ecCurve(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return Curve.P_256;
        }
        if (JWSAlgorithm.ES384.equals(algorithm)) {
            return Curve.P_384;
        }
        if (JWSAlgorithm.ES512.equals(algorithm)) {
            return Curve.P_521;
        }
        return null;
    }
}
