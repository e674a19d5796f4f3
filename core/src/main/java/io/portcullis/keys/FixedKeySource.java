package io.portcullis.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import io.portcullis.token.IssuerConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keys configured in advance, or an HMAC shared secret: nothing is ever fetched, and the keys
 * neither expire nor change.
 */
public final class FixedKeySource implements KeySource {

    private final String issuer;
    private final KeySet keys;
    private final CompletionStage<KeySet> answer;

    /**
     * Holds {@code jwks}, keeping those that can verify signatures.
     *
     * @throws IllegalArgumentException if none of them can (all are {@code use: enc})
     */
    public FixedKeySource(String issuer, List<? extends JWK> jwks, Instant loadedAt) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = KeySet.of(Objects.requireNonNull(jwks, "jwks"),
                Objects.requireNonNull(loadedAt, "loadedAt"));
        if (keys.size() == 0) {
            throw new IllegalArgumentException("Issuer " + issuer + ": none of the "
                    + jwks.size() + " configured keys can verify signatures");
        }
        this.answer = CompletableFuture.completedStage(keys);
    }

    /** Holds one HMAC key made from {@code secret}, without a key id. */
    public static FixedKeySource sharedSecret(String issuer, byte[] secret, Instant loadedAt) {
        Objects.requireNonNull(secret, "secret");
        OctetSequenceKey key = new OctetSequenceKey.Builder(secret)
                .keyUse(KeyUse.SIGNATURE)
                .build();
        return new FixedKeySource(issuer, List.of(key), loadedAt);
    }

    /**
     * Holds the fixed keys or the shared secret of {@code config}.
     *
     * @throws IllegalArgumentException if the keys of {@code config} are fetched from somewhere
     */
    public static FixedKeySource of(IssuerConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        switch (config.keysFrom()) {
            case FIXED_KEYS:
                return new FixedKeySource(config.issuer(), config.fixedKeys(), clock.instant());
            case SHARED_SECRET:
                byte[] secret = config.sharedSecret().orElseThrow(() ->
                        new IllegalArgumentException("Issuer " + config.issuer()
                                + " has no shared secret"));
                return sharedSecret(config.issuer(), secret, clock.instant());
            default:
                throw new IllegalArgumentException("Issuer " + config.issuer() + " takes its keys "
                        + "from " + config.keysFrom() + ", not from its configuration");
        }
    }

    @Override
    public Optional<KeySet> cached() {
        return Optional.of(keys);
    }

    @Override
    public CompletionStage<KeySet> keysFor(String keyId) {
        return answer;
    }

    @Override
    public KeySourceStatus status() {
        return new KeySourceStatus(issuer, keys.keyIds(), Optional.of(keys.fetchedAt()),
                Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /** Does nothing: nothing runs in the background. */
    @Override
    public void close() {
    }
}
