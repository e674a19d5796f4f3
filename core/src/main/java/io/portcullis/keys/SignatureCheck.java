package io.portcullis.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks JWS signatures of one algorithm with one key (RFC 7518 section 3), with the key
 * converted once and the JCA engines ({@link Signature}, {@link Mac}) initialised once and
 * reused: getting and initialising an engine costs more than an HMAC itself.
 *
 * <p>Engines are not thread-safe, so each check takes an idle one from a small pool, or makes
 * one, and gives it back afterwards. An engine that threw is dropped, as its state is unknown.
 */
abstract class SignatureCheck {

    /** At most this many idle engines are kept per key and algorithm. */
    private static final int MAX_IDLE = 64;

    private final ConcurrentLinkedQueue<Object> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /**
     * Returns if {@code signature} is a valid signature of the first {@code length} bytes of
     * {@code input}; false for any signature that is not, including one of the wrong length.
     */
    final boolean verify(byte[] input, int length, byte[] signature)
            throws GeneralSecurityException {
        if (!plausible(signature)) {
            return false;
        }
        Object engine = idle.poll();
        if (engine == null) {
            engine = newEngine();
        } else {
            idleCount.decrementAndGet();
        }
        boolean valid;
        try {
            valid = check(engine, input, length, signature);
        } catch (SignatureException malformed) {
            // JCA's word for a signature that is not even well-formed: as invalid as any, but
            // the engine's state is unknown, so it is not reused.
            return false;
        }
        // Reached only when the check did not throw: the engine is back in its initial state.
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(engine);
        } else {
            idleCount.decrementAndGet();
        }
        return valid;
    }

    /** Returns if the signature has the shape the algorithm requires, before any arithmetic. */
    abstract boolean plausible(byte[] signature);

    /** Makes an engine initialised with the key. */
    abstract Object newEngine() throws GeneralSecurityException;

    /** Checks with an engine from {@link #newEngine()}, leaving it ready for the next check. */
    abstract boolean check(Object engine, byte[] input, int length, byte[] signature)
            throws GeneralSecurityException;

    /** Makes the check of {@code algorithm} with {@code jwk}; the caller made sure they fit. */
    static SignatureCheck of(JWK jwk, JWSAlgorithm algorithm, CryptoProviders providers)
            throws GeneralSecurityException {
        try {
            if (jwk instanceof RSAKey) {
                return PublicKeyCheck.rsa(algorithm, ((RSAKey) jwk).toRSAPublicKey());
            }
            if (jwk instanceof ECKey) {
                return EcdsaCheck.of(algorithm, ((ECKey) jwk).toECPublicKey(), providers);
            }
            if (jwk instanceof OctetKeyPair) {
                return PublicKeyCheck.ed25519((OctetKeyPair) jwk, providers);
            }
            if (jwk instanceof OctetSequenceKey) {
                return new MacCheck(algorithm, ((OctetSequenceKey) jwk).toByteArray());
            }
        } catch (JOSEException e) {
            throw new GeneralSecurityException("The key cannot be converted: " + e.getMessage(), e);
        }
        throw new GeneralSecurityException("Unsupported key type " + jwk.getKeyType());
    }

    /** RSA, RSA-PSS, ECDSA and EdDSA through {@link Signature}. */
    static class PublicKeyCheck extends SignatureCheck {
        /** The X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 section 4). */
        private static final byte[] ED25519_PREFIX = {
            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        private static final int ED25519_SIGNATURE_BYTES = 64; // RFC 8037 section 3.1

        private final String engineName;
        private final PSSParameterSpec pss;
        private final PublicKey key;
        private final Provider provider;
        private final int signatureLength;

        PublicKeyCheck(JWSAlgorithm algorithm, PublicKey key, Provider provider)
                throws GeneralSecurityException {
            this(engineName(algorithm, provider), pss(algorithm), key, provider, -1);
        }

        private PublicKeyCheck(String engineName, PSSParameterSpec pss, PublicKey key,
                Provider provider, int signatureLength) {
            this.engineName = engineName;
            this.pss = pss;
            this.key = key;
            this.provider = provider;
            this.signatureLength = signatureLength;
        }

        static PublicKeyCheck rsa(JWSAlgorithm algorithm, RSAPublicKey key)
                throws GeneralSecurityException {
            // RFC 8017 section 8.2.2: a signature is exactly as long as the modulus.
            int length = (key.getModulus().bitLength() + 7) / 8;
            return new PublicKeyCheck(engineName(algorithm, null), pss(algorithm), key, null,
                    length);
        }

        static PublicKeyCheck ed25519(OctetKeyPair jwk, CryptoProviders providers)
                throws GeneralSecurityException {
            byte[] x = jwk.getX().decode();
            if (x.length != 32) {
                throw new GeneralSecurityException("An Ed25519 key must have 32 bytes, not "
                        + x.length);
            }
            byte[] encoded = Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + x.length);
            System.arraycopy(x, 0, encoded, ED25519_PREFIX.length, x.length);
            Provider provider = providers.curves();
            KeyFactory factory = provider == null ? KeyFactory.getInstance("Ed25519")
                    : KeyFactory.getInstance("Ed25519", provider);
            PublicKey key = factory.generatePublic(new X509EncodedKeySpec(encoded));
            return new PublicKeyCheck("Ed25519", null, key, provider, ED25519_SIGNATURE_BYTES);
        }

        @Override
        boolean plausible(byte[] signature) {
            return signatureLength < 0 ? signature.length > 0
                    : signature.length == signatureLength;
        }

        @Override
        Object newEngine() throws GeneralSecurityException {
            Signature engine = provider == null ? Signature.getInstance(engineName)
                    : Signature.getInstance(engineName, provider);
            if (pss != null) {
                engine.setParameter(pss);
            }
            engine.initVerify(key);
            return engine;
        }

        @Override
        boolean check(Object engine, byte[] input, int length, byte[] signature)
                throws GeneralSecurityException {
            Signature verifier = (Signature) engine;
            verifier.update(input, 0, length);
            return verifier.verify(signature);
        }

        private static String engineName(JWSAlgorithm algorithm, Provider provider)
                throws GeneralSecurityException {
            String bits = algorithm.getName().substring(2);
            switch (algorithm.getName().substring(0, 2)) {
                case "RS":
                    return "SHA" + bits + "withRSA";
                case "PS":
                    return "RSASSA-PSS";
                case "ES":
                    // JWS carries R || S (RFC 7518 section 3.4), which is IEEE P1363's format.
                    return provider == null ? "SHA" + bits + "withECDSAinP1363Format"
                            : "SHA" + bits + "withPLAIN-ECDSA";
                default:
                    throw new GeneralSecurityException("Unsupported algorithm " + algorithm);
            }
        }

        private static PSSParameterSpec pss(JWSAlgorithm algorithm) {
            if (!algorithm.getName().startsWith("PS")) {
                return null;
            }
            // RFC 7518 section 3.5: MGF1 with the same hash, salt as long as the hash.
            int bits = Integer.parseInt(algorithm.getName().substring(2));
            String hash = "SHA-" + bits;
            return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), bits / 8, 1);
        }
    }

    /**
     * ECDSA, with the signature's halves checked to lie in [1, n-1] before any arithmetic
     * (FIPS 186-4 section 6.4): a provider that skipped that check once accepted a signature of
     * zeros for any message.
     */
    static final class EcdsaCheck extends PublicKeyCheck {
        private final BigInteger order;
        private final int halfLength;

        private EcdsaCheck(JWSAlgorithm algorithm, PublicKey key, Provider provider,
                BigInteger order, int halfLength) throws GeneralSecurityException {
            super(algorithm, key, provider);
            this.order = order;
            this.halfLength = halfLength;
        }

        static EcdsaCheck of(JWSAlgorithm algorithm, ECPublicKey jdkKey, CryptoProviders providers)
                throws GeneralSecurityException {
            BigInteger order = jdkKey.getParams().getOrder();
            int fieldBits = jdkKey.getParams().getCurve().getField().getFieldSize();
            int halfLength = (fieldBits + 7) / 8; // 32 for P-256, 48 for P-384, 66 for P-521
            Provider provider = providers.curves();
            PublicKey key = provider == null ? jdkKey : KeyFactory.getInstance("EC", provider)
                    .generatePublic(new X509EncodedKeySpec(jdkKey.getEncoded()));
            return new EcdsaCheck(algorithm, key, provider, order, halfLength);
        }

        @Override
        boolean plausible(byte[] signature) {
            if (signature.length != 2 * halfLength) {
                return false;
            }
            return inRange(signature, 0) && inRange(signature, halfLength);
        }

        private boolean inRange(byte[] signature, int from) {
            BigInteger half = new BigInteger(1,
                    Arrays.copyOfRange(signature, from, from + halfLength));
            return half.signum() > 0 && half.compareTo(order) < 0;
        }
    }

    /**
     * HMAC, compared in constant time. RFC 7518 section 3.2 requires a key at least as long as
     * the hash output, so a shorter secret is refused for that algorithm.
     */
    static final class MacCheck extends SignatureCheck {
        private final SecretKeySpec key;
        private final int macLength;

        MacCheck(JWSAlgorithm algorithm, byte[] secret) throws GeneralSecurityException {
            int bits = Integer.parseInt(algorithm.getName().substring(2));
            this.macLength = bits / 8;
            if (secret.length < macLength) {
                throw new GeneralSecurityException("A secret for " + algorithm + " must have at "
                        + "least " + macLength + " bytes, not " + secret.length);
            }
            this.key = new SecretKeySpec(secret, "HmacSHA" + bits);
        }

        @Override
        boolean plausible(byte[] signature) {
            return signature.length == macLength;
        }

        @Override
        Object newEngine() throws GeneralSecurityException {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac;
        }

        @Override
        boolean check(Object engine, byte[] input, int length, byte[] signature) {
            Mac mac = (Mac) engine;
            mac.update(input, 0, length);
            return MessageDigest.isEqual(mac.doFinal(), signature);
        }
    }
}
