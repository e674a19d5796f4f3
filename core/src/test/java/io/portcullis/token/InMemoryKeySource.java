package io.portcullis.token;

import com.nimbusds.jose.jwk.JWK;
import io.portcullis.keys.KeySet;
import io.portcullis.keys.KeySource;
import io.portcullis.keys.KeySourceStatus;
import io.portcullis.keys.KeysUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A key source whose keys and failures a test sets directly, to test the validator alone. */
final class InMemoryKeySource implements KeySource {

    private volatile KeySet keys;
    private volatile CompletableFuture<KeySet> pending;
    final AtomicInteger lookups = new AtomicInteger();

    InMemoryKeySource(List<? extends JWK> jwks) {
        this.keys = KeySet.of(jwks, Instant.EPOCH);
    }

    void setKeys(List<? extends JWK> jwks) {
        this.keys = KeySet.of(jwks, Instant.EPOCH);
    }

    void setRefreshFailing(boolean failing) {
        this.keys = keys.withRefreshFailing(failing);
    }

    void setUnavailable() {
        this.keys = null;
    }

    /** Makes lookups wait until the returned future is completed by the test. */
    CompletableFuture<KeySet> holdLookups() {
        pending = new CompletableFuture<>();
        return pending;
    }

    @Override
    public Optional<KeySet> cached() {
        return Optional.ofNullable(keys);
    }

    @Override
    public CompletionStage<KeySet> keysFor(String keyId) {
        lookups.incrementAndGet();
        CompletableFuture<KeySet> held = pending;
        if (held != null) {
            return held;
        }
        KeySet now = keys;
        if (now == null) {
            return CompletableFuture.failedFuture(new KeysUnavailableException("down"));
        }
        return CompletableFuture.completedFuture(now);
    }

    @Override
    public KeySourceStatus status() {
        return new KeySourceStatus("test", List.of(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }

    @Override
    public void close() {
    }
}
