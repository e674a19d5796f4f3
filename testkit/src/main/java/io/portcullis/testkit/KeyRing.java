package io.portcullis.testkit;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One issuer's keys: the signing keys in the order they were made, which of them is active and
 * which are still published, an optional {@code RSA-OAEP} encryption key, and one unpublished
 * "foreign" key per algorithm for forgery tests.
 *
 * <p>Key generation is the slow part (an RSA-2048 pair takes 100 to 500 ms here), so every key
 * except the first signing key is made on first use and then kept. Key material is never shared
 * between issuers, so that a token of one issuer can never verify against another's JWKS.
 *
 * <p>Limitation: published keys carry no {@code x5c} certificate chain, which Keycloak's do;
 * a validator that needs one cannot be tested against this issuer.
 */
final class KeyRing {

    /** A signing key and whether the JWKS still lists it. */
    static final class Entry {
        final JWK privateKey;
        final JWSAlgorithm algorithm;
        volatile boolean published = true;

        Entry(JWK privateKey, JWSAlgorithm algorithm) {
            this.privateKey = privateKey;
            this.algorithm = algorithm;
        }

        String keyId() {
            return privateKey.getKeyID();
        }
    }

    private final Map<String, Entry> keys = new LinkedHashMap<>();
    private final Map<JWSAlgorithm, JWK> foreignKeys = new HashMap<>();
    private final String encryptionKeyId;
    private JWK encryptionKey;
    private Entry active;
    private String jwksJson;

    KeyRing(JWSAlgorithm firstAlgorithm, boolean publishEncryptionKey) {
        this.encryptionKeyId = publishEncryptionKey ? Algorithms.newKeyId() : null;
        this.active = add(firstAlgorithm);
    }

    synchronized Entry active() {
        return active;
    }

    /** Generates and publishes a key for {@code algorithm}, leaving the active key as it is. */
    synchronized Entry add(JWSAlgorithm algorithm) {
        if (Algorithms.isHmac(algorithm) || !Algorithms.ASYMMETRIC.contains(algorithm)) {
            throw Algorithms.unsupported(algorithm);
        }
        Entry entry = new Entry(Algorithms.generate(algorithm, Algorithms.newKeyId()), algorithm);
        keys.put(entry.keyId(), entry);
        jwksJson = null;
        return entry;
    }

    /** Generates a key for {@code algorithm}, publishes it and makes it the active one. */
    synchronized Entry rotate(JWSAlgorithm algorithm) {
        active = add(algorithm);
        return active;
    }

    /**
     * Removes a key from the JWKS while keeping it for explicit signing.
     *
     * @throws IllegalArgumentException for an unknown key id
     * @throws IllegalStateException for the active key, so default tokens never carry a key
     *         the JWKS lacks without the test asking for it
     */
    synchronized void retire(String keyId) {
        Entry entry = require(keyId);
        if (entry == active) {
            throw new IllegalStateException("key " + keyId
                    + " is the active key; rotate to a new key before retiring it");
        }
        entry.published = false;
        jwksJson = null;
    }

    /** Returns the key with this id, retired or not. */
    synchronized Entry require(String keyId) {
        Entry entry = keys.get(keyId);
        if (entry == null && keyId.equals(encryptionKeyId)) {
            return new Entry(encryptionKey(), JWSAlgorithm.RS256);
        }
        if (entry == null) {
            throw new IllegalArgumentException("this issuer has no key with id " + keyId);
        }
        return entry;
    }

    /** Returns the active key if it fits, else the newest published key, else a new one. */
    synchronized Entry forAlgorithm(JWSAlgorithm algorithm) {
        if (active.algorithm.equals(algorithm)) {
            return active;
        }
        Entry newest = null;
        for (Entry entry : keys.values()) {
            if (entry.published && entry.algorithm.equals(algorithm)) {
                newest = entry;
            }
        }
        return newest != null ? newest : add(algorithm);
    }

    /** Returns this issuer's unpublished key for {@code algorithm}, made on first use. */
    synchronized JWK foreignKey(JWSAlgorithm algorithm) {
        return foreignKeys.computeIfAbsent(algorithm,
                alg -> Algorithms.generate(alg, "foreign-" + Algorithms.newKeyId()));
    }

    synchronized List<String> publishedKeyIds() {
        List<String> ids = new ArrayList<>();
        keys.values().stream().filter(e -> e.published).forEach(e -> ids.add(e.keyId()));
        return List.copyOf(ids);
    }

    Optional<String> encryptionKeyId() {
        return Optional.ofNullable(encryptionKeyId);
    }

    /** Returns the published keys, public parts only, as the JWKS endpoint serves them. */
    synchronized JWKSet publicJwks() {
        List<JWK> published = new ArrayList<>();
        for (Entry entry : keys.values()) {
            if (entry.published) {
                published.add(entry.privateKey.toPublicJWK());
            }
        }
        if (encryptionKeyId != null) {
            published.add(encryptionKey().toPublicJWK());
        }
        return new JWKSet(published);
    }

    /** Returns the JWKS document (RFC 7517 section 5), kept until the key set changes. */
    synchronized String jwksJson() {
        if (jwksJson == null) {
            jwksJson = publicJwks().toString(/* publicKeysOnly= */ true);
        }
        return jwksJson;
    }

    private JWK encryptionKey() {
        if (encryptionKey == null) {
            try {
                encryptionKey = new RSAKeyGenerator(Algorithms.RSA_KEY_BITS)
                        .keyID(encryptionKeyId).keyUse(KeyUse.ENCRYPTION)
                        .algorithm(JWEAlgorithm.RSA_OAEP).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException("could not generate the encryption key", e);
            }
        }
        return encryptionKey;
    }
}
