package io.portcullis.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.Curve;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable set of one issuer's signing keys as fetched at one moment, with each key's
 * signature check made once, so that a validation does no key conversion.
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
        return of(jwks, fetchedAt, CryptoProviders.detect());
    }

    /** Builds a key set as {@link #of(List, Instant)} does, with the given providers. */
    public static KeySet of(List<? extends JWK> jwks, Instant fetchedAt,
            CryptoProviders providers) {
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(providers, "providers");
        List<VerificationKey> usable = new ArrayList<>(jwks.size());
        for (JWK jwk : jwks) {
            if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
                log.debug("Skipping key {}: its use is enc", jwk.getKeyID());
                continue;
            }
            if (jwk.isPrivate() && !(jwk instanceof OctetSequenceKey)) {
                jwk = jwk.toPublicJWK();
            }
            usable.add(new VerificationKey(jwk, providers));
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
        for (int i = 0; i < keys.size(); i++) { // indexed: runs on every cache hit
            VerificationKey held = keys.get(i);
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

    /** One signing key and, made on first use for each algorithm, its signature check. */
    public static final class VerificationKey {
        private final JWK jwk;
        private final CryptoProviders providers;
        /** The length of a shared secret in bits, computed once: Nimbus decodes it each time. */
        private final int secretBits;
        private final ConcurrentHashMap<JWSAlgorithm, SignatureCheck> checks =
                new ConcurrentHashMap<>(2);

        VerificationKey(JWK jwk, CryptoProviders providers) {
            this.jwk = jwk;
            this.providers = providers;
            this.secretBits = jwk instanceof OctetSequenceKey ? jwk.size() : 0;
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
                // RFC 7518 section 3.2: the secret is at least as long as the hash output.
                return jwk instanceof OctetSequenceKey && secretBits >= hashBits(algorithm);
            }
            if (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)) {
                return jwk instanceof OctetKeyPair
                        && Curve.Ed25519.equals(((OctetKeyPair) jwk).getCurve());
            }
            return false;
        }

        private static int hashBits(JWSAlgorithm algorithm) {
            return Integer.parseInt(algorithm.getName().substring(2));
        }

        private boolean curveFits(JWSAlgorithm algorithm) {
            return Curve.forJWSAlgorithm(algorithm).contains(((ECKey) jwk).getCurve());
        }

        /**
         * Returns if {@code signature} is this key's valid {@code algorithm} signature of the
         * first {@code length} bytes of {@code input}; the caller checked {@link #fits}.
         *
         * @throws GeneralSecurityException when this key cannot check signatures at all
         */
        public boolean verify(JWSAlgorithm algorithm, byte[] input, int length, byte[] signature)
                throws GeneralSecurityException {
            SignatureCheck check = checks.get(algorithm);
            if (check == null) {
                check = SignatureCheck.of(jwk, algorithm, providers);
                SignatureCheck raced = checks.putIfAbsent(algorithm, check);
                check = raced == null ? check : raced;
            }
            return check.verify(input, length, signature);
        }
    }
}
