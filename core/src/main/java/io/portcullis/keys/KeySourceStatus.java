package io.portcullis.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one key source, for health checks and logs.
 *
 * @param issuer the issuer the keys belong to
 * @param keyIds the ids of the signing keys held now
 * @param fetchedAt when the keys held now were fetched; empty before the first success
 * @param expiresAt when the keys held now stop being fresh; empty before the first success
 * @param stale if the keys held now are past their freshness and kept only because refreshes fail
 * @param lastError the last fetch failure, cleared by a success; empty when the last fetch worked
 * @param lastErrorAt when the last fetch failed
 */
public record KeySourceStatus(
        String issuer,
        List<String> keyIds,
        Optional<Instant> fetchedAt,
        Optional<Instant> expiresAt,
        boolean stale,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt) {

    public KeySourceStatus {
        keyIds = List.copyOf(keyIds);
    }

    /** Returns if keys are held and they can be used (fresh, or stale within the window). */
    public boolean hasKeys() {
        return fetchedAt.isPresent();
    }
}
