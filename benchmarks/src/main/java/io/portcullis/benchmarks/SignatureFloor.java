package io.portcullis.benchmarks;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Mac;

/**
 * The least any library must do: the JCA {@link Signature} (for HS256 the {@link Mac}) checking
 * the signing input and signature of the fixture's token, with no parsing at all.
 *
 * <p>Two forms: {@link #perOperation()} asks the JCA for a new {@code Signature} and initializes
 * it on every call, as the libraries measured here do; {@link #reused()} initializes one once
 * and only feeds it the input on every call, the pure cost of the arithmetic.
 */
final class SignatureFloor {

    /** One way to check a signature; returns if it is valid. */
    interface Check {
        boolean verify(byte[] signingInput, byte[] signature);
    }

    private final Algorithm algorithm;
    private final Key key;
    private final Provider provider;

    /** Uses the JDK's default provider for the algorithm. */
    SignatureFloor(TokenFixture fixture) {
        this.algorithm = fixture.algorithm();
        this.key = algorithm.isMac() ? fixture.secretKey() : fixture.publicKey();
        this.provider = null;
    }

    /**
     * Uses {@code provider}, with the public key converted to that provider's own key class
     * beforehand, so that no call converts it again.
     */
    SignatureFloor(TokenFixture fixture, Provider provider) {
        this.algorithm = fixture.algorithm();
        this.provider = provider;
        try {
            this.key = algorithm.isMac() ? fixture.secretKey()
                    : convert(fixture.publicKey(), provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Provider " + provider.getName() + " cannot read the "
                    + algorithm + " key", e);
        }
    }

    /** Returns a check that makes and initializes a new {@code Signature} or {@code Mac}. */
    Check perOperation() {
        if (algorithm.isMac()) {
            return (input, signature) -> {
                try {
                    Mac mac = newMac();
                    mac.init(key);
                    return MessageDigest.isEqual(mac.doFinal(input), signature);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        return (input, signature) -> {
            try {
                Signature verifier = newSignature();
                verifier.initVerify((PublicKey) key);
                verifier.update(input);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Returns a check holding one initialized {@code Signature} or {@code Mac}; one thread. */
    Check reused() {
        try {
            if (algorithm.isMac()) {
                Mac mac = newMac();
                mac.init(key);
                return (input, signature) -> MessageDigest.isEqual(mac.doFinal(input), signature);
            }
            Signature verifier = newSignature();
            verifier.initVerify((PublicKey) key);
            return (input, signature) -> {
                try {
                    // verify() returns the object to the state initVerify left it in.
                    verifier.update(input);
                    return verifier.verify(signature);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Signature newSignature() throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm.jcaName())
                : Signature.getInstance(algorithm.jcaName(), provider);
    }

    private Mac newMac() throws GeneralSecurityException {
        return provider == null ? Mac.getInstance(algorithm.jcaName())
                : Mac.getInstance(algorithm.jcaName(), provider);
    }

    private static PublicKey convert(PublicKey key, Provider provider)
            throws GeneralSecurityException {
        return KeyFactory.getInstance(key.getAlgorithm(), provider)
                .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }
}
