package io.portcullis.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.keys.DocumentFetcher.Document;
import io.portcullis.keys.KeyFetchListener.Failure;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one issuer, fetched from its JWKS URI
 * (<a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 section 5</a>) and kept
 * so that requests almost never wait for the network.
 *
 * <ul>
 *   <li>The first fetch starts at construction; it failing does not throw, and is retried.
 *   <li>Keys stay fresh for the response's {@code Cache-Control: max-age}, clamped to the
 *       configured bounds (see {@link KeySourceSettings}). From four fifths of that lifetime on,
 *       a request starts a refresh in the background and is answered from the keys held; a timer
 *       does the same for an issuer that sees no requests.
 *   <li>A token naming a key id the held keys lack starts a refetch, at most once per
 *       {@linkplain KeySourceSettings#refetchCooldown() cool-down}; callers meanwhile share the
 *       one fetch in flight, and callers inside the cool-down get the held keys at once. Invented
 *       key ids therefore cost the issuer at most one fetch per cool-down, and a genuinely new
 *       key is picked up at once, or at the latest one cool-down after the first token naming
 *       it when invented key ids came just before. Scheduled refreshes do not start the
 *       cool-down, so a rotation right after one is still picked up at once.
 *   <li>When fetches fail, the held keys keep serving until their lifetime plus the
 *       {@linkplain KeySourceSettings#staleWindow() stale window} has passed, marked
 *       {@link KeySet#refreshFailing()}; failed fetches are retried at most once per cool-down.
 *       Without usable keys, {@link #keysFor} completes with {@link KeysUnavailableException}.
 * </ul>
 *
 * <p>Freshness, the stale window and the cool-down are read from the given {@link Clock}; the
 * background timer only wakes the source up.
 *
 * <p>Limitation: within one cool-down after a refetch for an unknown key id, another unknown key
 * id is answered from the held keys without asking the issuer, so the source cannot tell that
 * the issuer has meanwhile gone down; a genuinely new key then reads as unknown (401) rather
 * than unavailable (503) until the cool-down has passed.
 *
 * <p>This class holds its one key set in a small state machine rather than a Caffeine cache.
 * A cache would hold a single entry here, and every rule that matters lies outside what it
 * offers: a lifetime taken from each response, a refresh at a fraction of that lifetime, keys
 * kept past expiry only while refreshes fail and only up to a window, one cool-down shared by
 * refetches for unknown key ids and by retries after failures (a cache reloads a failed entry on
 * the next request), and a fetch in flight that both requests and the timer join. Wrapping a
 * cache in that bookkeeping would leave two sources of truth; one lock around a few fields, and
 * no I/O under it, keeps single flight and the cool-down evident.
 */
public final class JwksKeySource implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);

    /** Planned retries after a failure come no sooner than this, even without a cool-down. */
    private static final Duration MIN_PLANNED_RETRY = Duration.ofSeconds(1);
    private static final int MAX_LOGGED_KEY_ID_CHARS = 64;

    private final String issuer;
    private final URI jwksUri;
    private final KeySourceSettings settings;
    private final Clock clock;
    private final DocumentFetcher fetcher;
    private final KeyFetchListener listener;

    private final Object lock = new Object();
    /** The keys of the latest successful fetch; null before one. Written under the lock. */
    private volatile Held held;
    /** The failure of the latest fetch; null when it worked. Written under the lock. */
    private volatile Failed failed;
    private CompletableFuture<KeySet> inFlight; // guarded by lock
    private Instant lastAttemptAt; // guarded by lock
    private Instant lastUnknownKeyRefetchAt; // guarded by lock
    private ScheduledFuture<?> planned; // guarded by lock
    private volatile boolean closed; // written under lock
    private boolean loadedOnce; // guarded by lock

    /**
     * Creates the source and starts its first fetch in the background.
     *
     * @param client a client that never follows redirects, such as
     *     {@link KeySources#httpClient(KeySourceSettings)}
     * @throws IllegalArgumentException if {@code jwksUri} is not https (nor plain http allowed by
     *     the settings), or {@code client} follows redirects
     */
    public JwksKeySource(String issuer, URI jwksUri, KeySourceSettings settings, Clock clock,
            HttpClient client, KeyFetchListener listener) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        FetchUris.check(issuer, jwksUri, settings);
        this.fetcher = new DocumentFetcher(Objects.requireNonNull(client, "client"), settings);

        CompletableFuture<KeySet> first;
        synchronized (lock) {
            first = reserveFetch(clock.instant());
        }
        launch(first);
    }

    /** Returns the issuer these keys belong to. */
    public String issuer() {
        return issuer;
    }

    /** Returns the JWKS URI keys are fetched from. */
    public URI jwksUri() {
        return jwksUri;
    }

    @Override
    public Optional<KeySet> cached() {
        Held current = held;
        if (current == null || !current.usableAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(current.answer(failed != null));
    }

    @Override
    public CompletionStage<KeySet> keysFor(String keyId) {
        Instant now = clock.instant();
        Held current = held;
        if (current == null || !current.usableAt(now)) {
            CompletableFuture<KeySet> fetch = fetchUnlessCoolingDown(now);
            if (fetch == null) {
                return CompletableFuture.failedFuture(unavailable());
            }
            return relay(fetch, error -> heldDespiteFailure());
        }

        if (!now.isBefore(current.refreshAt)) {
            refreshInBackground(current, now);
        }
        KeySet answer = current.answer(failed != null);
        if (current.keys.hasKeyId(keyId)) {
            return CompletableFuture.completedFuture(answer);
        }

        CompletableFuture<KeySet> fetch = refetchForUnknownKeyId(now);
        if (fetch == null) {
            return CompletableFuture.completedFuture(answer);
        }
        if (log.isDebugEnabled()) {
            log.debug("A token of issuer {} names key id {}, which the held keys lack; "
                    + "awaiting a JWKS fetch", issuer, forLog(keyId));
        }
        return relay(fetch, error -> heldDespiteFailure());
    }

    @Override
    public KeySourceStatus status() {
        Instant now = clock.instant();
        Held current = held;
        Failed failure = failed;
        boolean usable = current != null && current.usableAt(now);
        return new KeySourceStatus(
                issuer,
                usable ? current.keys.keyIds() : List.of(),
                usable ? Optional.of(current.keys.fetchedAt()) : Optional.empty(),
                usable ? Optional.of(current.expiresAt) : Optional.empty(),
                usable && failure != null && !now.isBefore(current.expiresAt),
                failure == null ? Optional.empty() : Optional.of(failure.cause.getMessage()),
                failure == null ? Optional.empty() : Optional.of(failure.at));
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            cancelPlannedLocked();
        }
        log.debug("Closed the key source of issuer {}", issuer);
    }

    /** Returns if a background refresh or retry is planned (for tests). */
    boolean refreshPlanned() {
        synchronized (lock) {
            return planned != null && !planned.isDone();
        }
    }

    /** Returns the fetch in flight, a new one if the cool-down allows, or null. */
    private CompletableFuture<KeySet> fetchUnlessCoolingDown(Instant now) {
        CompletableFuture<KeySet> fetch;
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            if (closed || coolingDownLocked(now)) {
                return null;
            }
            fetch = reserveFetch(now);
        }
        launch(fetch);
        return fetch;
    }

    /**
     * Returns the fetch in flight, or a new one for a key id the held keys lack, unless another
     * such refetch (or a failed fetch) happened within the cool-down. Scheduled refreshes do not
     * count here: a rotation right after one must still be picked up at once.
     */
    private CompletableFuture<KeySet> refetchForUnknownKeyId(Instant now) {
        CompletableFuture<KeySet> fetch;
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            boolean coolingDown = failed != null ? coolingDownLocked(now)
                    : lastUnknownKeyRefetchAt != null && now.isBefore(
                            later(lastUnknownKeyRefetchAt, settings.refetchCooldown()));
            if (closed || coolingDown) {
                return null;
            }
            lastUnknownKeyRefetchAt = now;
            fetch = reserveFetch(now);
        }
        launch(fetch);
        return fetch;
    }

    /**
     * Starts a refresh of {@code seen} unless one is in flight, newer keys arrived meanwhile, or
     * the latest fetch failed within the cool-down.
     */
    private void refreshInBackground(Held seen, Instant now) {
        CompletableFuture<KeySet> fetch;
        synchronized (lock) {
            if (closed || inFlight != null || held != seen) {
                return;
            }
            if (failed != null && coolingDownLocked(now)) {
                return;
            }
            fetch = reserveFetch(now);
        }
        launch(fetch);
    }

    /** Runs on the timer: refreshes (or retries) now, unless a fetch is already in flight. */
    private void plannedRefresh() {
        CompletableFuture<KeySet> fetch;
        synchronized (lock) {
            if (closed || inFlight != null) {
                return;
            }
            fetch = reserveFetch(clock.instant());
        }
        launch(fetch);
    }

    private boolean coolingDownLocked(Instant now) {
        return lastAttemptAt != null
                && now.isBefore(later(lastAttemptAt, settings.refetchCooldown()));
    }

    /** Marks a fetch as in flight; the caller launches it once the lock is released. */
    private CompletableFuture<KeySet> reserveFetch(Instant now) {
        lastAttemptAt = now;
        cancelPlannedLocked();
        inFlight = new CompletableFuture<>();
        return inFlight;
    }

    private void launch(CompletableFuture<KeySet> fetch) {
        long startNanos = System.nanoTime();
        fetcher.fetch(jwksUri)
                .whenComplete((fetched, error) -> finish(fetch, fetched, error, startNanos));
    }

    private void finish(CompletableFuture<KeySet> fetch, Document document, Throwable error,
            long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        try {
            if (error != null) {
                throw fetcher.failureOf(error);
            }
            Instant now = clock.instant();
            KeySet keys = parse(document.body(), now);
            succeeded(fetch, keys, CacheLifetime.of(document.headers(), settings), took);
        } catch (KeyFetchException failure) {
            failed(fetch, failure);
        } catch (RuntimeException | Error unexpected) {
            failed(fetch, new KeyFetchException(Failure.MALFORMED,
                    "the JWKS could not be read: " + unexpected, unexpected));
        }
    }

    /** Reads a JWKS document, refusing it as a whole when it is not one or has too many keys. */
    private KeySet parse(String body, Instant fetchedAt) throws KeyFetchException {
        JWKSet jwks;
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            List<Object> listed = JSONObjectUtils.getJSONArray(json, "keys");
            if (listed == null) {
                throw new KeyFetchException(Failure.MALFORMED, "the JWKS has no keys member");
            }
            // Counted before any key is parsed, so that a huge list costs no key parsing.
            if (listed.size() > settings.maxKeys()) {
                throw new KeyFetchException(Failure.TOO_MANY_KEYS, "the JWKS holds "
                        + listed.size() + " keys, more than the maximum of " + settings.maxKeys());
            }
            jwks = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new KeyFetchException(Failure.MALFORMED, "the body is not a JWKS: "
                    + e.getMessage(), e);
        }

        KeySet keys = KeySet.of(publishable(jwks.getKeys()), fetchedAt);
        if (keys.size() == 0) {
            throw new KeyFetchException(Failure.NO_USABLE_KEYS, "none of the "
                    + jwks.getKeys().size() + " keys of the JWKS can verify signatures");
        }
        return keys;
    }

    /**
     * Leaves out symmetric keys: a secret published at a URL is known to anyone who can read it,
     * and so could sign any token; HMAC keys come only from configuration.
     */
    private List<JWK> publishable(List<JWK> jwks) {
        List<JWK> kept = new ArrayList<>(jwks.size());
        for (JWK jwk : jwks) {
            if (jwk instanceof OctetSequenceKey) {
                log.warn("The JWKS of issuer {} at {} publishes a symmetric key (kid {}); it is "
                        + "ignored, since anyone who can read it could sign tokens", issuer,
                        jwksUri, forLog(jwk.getKeyID()));
                continue;
            }
            kept.add(jwk);
        }
        return kept;
    }

    private void succeeded(CompletableFuture<KeySet> fetch, KeySet keys, Duration lifetime,
            Duration took) {
        Held next = new Held(keys, lifetime, settings.staleWindow());
        boolean first;
        boolean recovered;
        synchronized (lock) {
            held = next;
            recovered = failed != null;
            failed = null;
            first = !loadedOnce;
            loadedOnce = true;
            if (inFlight == fetch) {
                inFlight = null;
            }
            planLocked(Duration.between(keys.fetchedAt(), next.refreshAt));
        }

        if (first) {
            log.info("Loaded {} signing keys of issuer {} from {}: key ids {}, algorithms {}",
                    keys.size(), issuer, jwksUri, keys.keyIds(), algorithms(keys));
        } else if (recovered) {
            log.info("Fetched the JWKS of issuer {} from {} again after failures; key ids {}",
                    issuer, jwksUri, keys.keyIds());
        } else {
            log.debug("Refreshed the JWKS of issuer {} from {}: key ids {}, fresh until {}",
                    issuer, jwksUri, keys.keyIds(), next.expiresAt);
        }
        notifyListener(() -> listener.fetchSucceeded(issuer, jwksUri, keys.size(), took));
        fetch.complete(keys);
    }

    private void failed(CompletableFuture<KeySet> fetch, KeyFetchException failure) {
        Instant now = clock.instant();
        Duration retryIn = settings.refetchCooldown().compareTo(MIN_PLANNED_RETRY) < 0
                ? MIN_PLANNED_RETRY : settings.refetchCooldown();
        Held current;
        synchronized (lock) {
            failed = new Failed(failure, now);
            if (inFlight == fetch) {
                inFlight = null;
            }
            planLocked(retryIn);
            current = held;
        }

        if (current != null && current.usableAt(now)) {
            log.warn("Fetching the JWKS of issuer {} from {} failed: {}. The keys fetched at {} "
                    + "keep serving until {} unless a retry (every {}) succeeds first", issuer,
                    jwksUri, failure.getMessage(), current.keys.fetchedAt(), current.staleUntil,
                    retryIn);
        } else {
            log.warn("Fetching the JWKS of issuer {} from {} failed: {}. No usable keys are "
                    + "held, so tokens of this issuer are refused until a retry (every {}) "
                    + "succeeds", issuer, jwksUri, failure.getMessage(), retryIn);
        }
        notifyListener(() -> listener.fetchFailed(issuer, jwksUri, failure.reason(),
                failure.getMessage()));
        fetch.completeExceptionally(failure);
    }

    private void planLocked(Duration delay) {
        cancelPlannedLocked();
        if (!closed) {
            planned = RefreshScheduler.schedule(this::plannedRefresh, delay);
        }
    }

    private void cancelPlannedLocked() {
        if (planned != null) {
            planned.cancel(/* mayInterruptIfRunning= */ false);
            planned = null;
        }
    }

    /** Answers a caller whose refetch failed: the held keys if still usable, marked failing. */
    private KeySet heldDespiteFailure() {
        Held current = held;
        if (current != null && current.usableAt(clock.instant())) {
            return current.answer(/* failing= */ true);
        }
        throw unavailable();
    }

    private KeysUnavailableException unavailable() {
        Held current = held;
        Failed failure = failed;
        String why = (failure == null ? "" : " The last fetch failed: "
                + failure.cause.getMessage() + ".") + (closed ? " The key source is closed." : "");
        Throwable cause = failure == null ? null : failure.cause;
        if (current != null) {
            return new KeysUnavailableException("The keys of issuer " + issuer + " fetched at "
                    + current.keys.fetchedAt() + " from " + jwksUri + " expired at "
                    + current.expiresAt + " and may serve stale only until "
                    + current.staleUntil + "." + why, cause);
        }
        return new KeysUnavailableException("No keys of issuer " + issuer
                + " have been fetched from " + jwksUri + " yet." + why, cause);
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("A key fetch listener failed for issuer {}", issuer, e);
        }
    }

    /** Completes a new stage from {@code fetch}, or from {@code onFailure} when it fails. */
    private static CompletableFuture<KeySet> relay(CompletableFuture<KeySet> fetch,
            Function<Throwable, KeySet> onFailure) {
        CompletableFuture<KeySet> answer = new CompletableFuture<>();
        fetch.whenComplete((keys, error) -> {
            if (error == null) {
                answer.complete(keys);
                return;
            }
            try {
                answer.complete(onFailure.apply(error));
            } catch (KeysUnavailableException unavailable) {
                answer.completeExceptionally(unavailable);
            }
        });
        return answer;
    }

    private static Set<String> algorithms(KeySet keys) {
        Set<String> names = new LinkedHashSet<>();
        for (JWK jwk : keys.jwks()) {
            names.add(jwk.getAlgorithm() != null ? jwk.getAlgorithm().getName()
                    : jwk.getKeyType().getValue() + " (no alg)");
        }
        return names;
    }

    /** Returns a key id fit for a log line: printable, and short. */
    static String forLog(String keyId) {
        if (keyId == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(keyId.length(), MAX_LOGGED_KEY_ID_CHARS));
        for (int i = 0; i < keyId.length() && i < MAX_LOGGED_KEY_ID_CHARS; i++) {
            char c = keyId.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return keyId.length() > MAX_LOGGED_KEY_ID_CHARS ? out + "..." : out.toString();
    }

    /** Returns {@code t + d}, or {@link Instant#MAX} where that would overflow. */
    static Instant later(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (ArithmeticException | DateTimeException overflow) {
            return Instant.MAX;
        }
    }

    /** Keys held, with the moments they are due for refresh, expire, and stop serving. */
    private static final class Held {
        final KeySet keys;
        final KeySet failingKeys;
        final Instant refreshAt;
        final Instant expiresAt;
        final Instant staleUntil;

        Held(KeySet keys, Duration lifetime, Duration staleWindow) {
            this.keys = keys;
            this.failingKeys = keys.withRefreshFailing(true);
            Instant fetchedAt = keys.fetchedAt();
            this.refreshAt = later(fetchedAt, lifetime.dividedBy(5).multipliedBy(4));
            this.expiresAt = later(fetchedAt, lifetime);
            this.staleUntil = later(expiresAt, staleWindow);
        }

        boolean usableAt(Instant now) {
            return now.isBefore(staleUntil);
        }

        KeySet answer(boolean failing) {
            return failing ? failingKeys : keys;
        }
    }

    /** The failure of the latest fetch and when it happened. */
    private static final class Failed {
        final KeyFetchException cause;
        final Instant at;

        Failed(KeyFetchException cause, Instant at) {
            this.cause = cause;
            this.at = at;
        }
    }
}
