package io.portcullis.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.Curve;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable set of one issuer's signing keys as fetched at one moment, with a verifier made
 * once per key so that a validation does no key conversion.
 *
 * <p>Only keys that may verify signatures are kept: a key whose {@code use} is {@code enc} (such
 * as the {@code RSA-OAEP} key Keycloak publishes beside its signing key) never verifies anything,
 * and a key whose own {@code alg} differs from a token's is not offered for it.
 */
public final class KeySet {

    private static final Logger log = LoggerFactory.getLogger(KeySet.class);

    private final List<VerificationKey> keys;
    private final Instant fetchedAt;
    private final boolean refreshFailing;

    private KeySet(List<VerificationKey> keys, Instant fetchedAt, boolean refreshFailing) {
        this.keys = keys;
        this.fetchedAt = fetchedAt;
        this.refreshFailing = refreshFailing;
    }

    /**
     * Builds a key set from the JWKs of a JWKS document or a fixed configuration; keys that can
     * not verify signatures are left out and logged at {@code debug}.
     */
    public static KeySet of(List<? extends JWK> jwks, Instant fetchedAt) {
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        List<VerificationKey> usable = new ArrayList<>(jwks.size());
        for (JWK jwk : jwks) {
            if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
                log.debug("Skipping key {}: its use is enc", jwk.getKeyID());
                continue;
            }
            if (jwk.isPrivate() && !(jwk instanceof OctetSequenceKey)) {
                jwk = jwk.toPublicJWK();
            }
            usable.add(new VerificationKey(jwk));
        }
        return new KeySet(Collections.unmodifiableList(usable), fetchedAt, false);
    }

    /** Returns the same keys, marked as kept while refreshes fail (or not). */
    public KeySet withRefreshFailing(boolean failing) {
        return failing == refreshFailing ? this : new KeySet(keys, fetchedAt, failing);
    }

    /** Returns when these keys were fetched. */
    public Instant fetchedAt() {
        return fetchedAt;
    }

    /** Returns if the source's latest attempt to refresh these keys failed. */
    public boolean refreshFailing() {
        return refreshFailing;
    }

    /** Returns the number of signing keys. */
    public int size() {
        return keys.size();
    }

    /** Returns the signing keys. */
    public List<JWK> jwks() {
        List<JWK> out = new ArrayList<>(keys.size());
        for (VerificationKey key : keys) {
            out.add(key.jwk);
        }
        return out;
    }

    /** Returns the key ids, skipping keys without one. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>(keys.size());
        for (VerificationKey key : keys) {
            if (key.jwk.getKeyID() != null) {
                ids.add(key.jwk.getKeyID());
            }
        }
        return ids;
    }

    /** Returns if a key with this id is held (any key at all when {@code keyId} is null). */
    public boolean hasKeyId(String keyId) {
        if (keyId == null) {
            return !keys.isEmpty();
        }
        for (VerificationKey key : keys) {
            if (keyId.equals(key.jwk.getKeyID())) {
                return true;
            }
        }
        return false;
    }

    /** Returns if {@code key} (compared by value) is still among these keys. */
    public boolean contains(VerificationKey key) {
        for (VerificationKey held : keys) {
            if (held == key || held.jwk.equals(key.jwk)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the keys that may verify a token signed with {@code algorithm} and naming
     * {@code keyId}: the same key id (a key without an id, such as a shared secret, matches any;
     * every key matches a token that names none), a key type that fits the algorithm, and no
     * {@code alg} of their own that differs.
     */
    public List<VerificationKey> candidates(String keyId, JWSAlgorithm algorithm) {
        List<VerificationKey> found = null;
        for (VerificationKey key : keys) {
            String heldId = key.jwk.getKeyID();
            if (keyId != null && heldId != null && !keyId.equals(heldId)) {
                continue;
            }
            if (!key.fits(algorithm)) {
                continue;
            }
            if (found == null) {
                found = new ArrayList<>(2);
            }
            found.add(key);
        }
        return found == null ? List.of() : found;
    }

    /** One signing key and, made on first use, its signature verifier. */
    public static final class VerificationKey {
        private final JWK jwk;
        private volatile JWSVerifier verifier;

        VerificationKey(JWK jwk) {
            this.jwk = jwk;
        }

        public JWK jwk() {
            return jwk;
        }

        /** Returns if this key may verify {@code algorithm}: key type, curve and own alg fit. */
        public boolean fits(JWSAlgorithm algorithm) {
            if (jwk.getAlgorithm() != null
                    && !jwk.getAlgorithm().getName().equals(algorithm.getName())) {
                return false;
            }
            if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
                return jwk instanceof RSAKey;
            }
            if (JWSAlgorithm.Family.EC.contains(algorithm)) {
                return jwk instanceof ECKey && curveFits(algorithm);
            }
            if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
                return jwk instanceof OctetSequenceKey;
            }
            if (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)) {
                return jwk instanceof OctetKeyPair
                        && Curve.Ed25519.equals(((OctetKeyPair) jwk).getCurve());
            }
            return false;
        }

        private boolean curveFits(JWSAlgorithm algorithm) {
            return Curve.forJWSAlgorithm(algorithm).contains(((ECKey) jwk).getCurve());
        }

        /** Returns the verifier for this key, made once; throws when the key cannot verify. */
        public JWSVerifier verifier() throws JOSEException {
            JWSVerifier made = verifier;
            if (made == null) {
                made = newVerifier(jwk);
                verifier = made;
            }
            return made;
        }

        private static JWSVerifier newVerifier(JWK jwk) throws JOSEException {
            if (jwk instanceof RSAKey) {
                return new RSASSAVerifier((RSAKey) jwk);
            }
            if (jwk instanceof ECKey) {
                return new ECDSAVerifier((ECKey) jwk);
            }
            if (jwk instanceof OctetSequenceKey) {
                return new MACVerifier((OctetSequenceKey) jwk);
            }
            if (jwk instanceof OctetKeyPair) {
                return ed25519Verifier((OctetKeyPair) jwk);
            }
            throw new JOSEException("Unsupported key type " + jwk.getKeyType());
        }

        private static JWSVerifier ed25519Verifier(OctetKeyPair jwk) throws JOSEException {
            try {
                return new Ed25519Verifier(jwk.toPublicJWK());
            } catch (NoClassDefFoundError missingTink) {
                throw new JOSEException("EdDSA verification needs com.google.crypto.tink:tink "
                        + "on the class path", missingTink);
            }
        }
    }
}
