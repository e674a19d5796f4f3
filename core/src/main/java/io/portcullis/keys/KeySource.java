package io.portcullis.keys;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where one issuer's signature-verification keys come from: a JWKS endpoint (directly or found by
 * OIDC discovery), a fixed key set, or a shared secret.
 *
 * <p>Implementations are thread-safe and answer from memory whenever they can: a returned stage
 * that can be completed from cached keys is already complete, so a caller on an event loop
 * continues on its own thread. Network I/O never runs on the calling thread.
 */
public interface KeySource extends AutoCloseable {

    /** Returns the keys held now, without any I/O; empty before the first successful fetch. */
    Optional<KeySet> cached();

    /**
     * Returns a key set to look for {@code keyId} in (null when the token names no key).
     *
     * <p>Completes at once when the cached keys hold a key with that id. Otherwise the source may
     * refetch (at most once per cool-down, with concurrent callers sharing one fetch in flight)
     * and completes with whatever it then holds, which may still lack the key. Completes
     * exceptionally with {@link KeysUnavailableException} only when no usable keys can be had.
     */
    CompletionStage<KeySet> keysFor(String keyId);

    /** Returns what an operator needs to know: keys held, their age, the last fetch error. */
    KeySourceStatus status();

    /** Stops background refreshes; the source answers from what it holds afterwards. */
    @Override
    void close();
}
