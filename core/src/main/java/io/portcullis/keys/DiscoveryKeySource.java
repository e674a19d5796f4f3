package io.portcullis.keys;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.keys.DocumentFetcher.Document;
import io.portcullis.keys.KeyFetchListener.Failure;
import io.portcullis.token.IssuerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of an issuer found through
 * <a href="https://openid.net/specs/openid-connect-discovery-1_0.html">OpenID Connect Discovery
 * 1.0</a>: the document at {@code <issuer>/.well-known/openid-configuration} names the
 * {@code jwks_uri}, and a {@link JwksKeySource} takes over from there.
 *
 * <p>The issuer being down at start-up does not stop the service: discovery is retried in the
 * background with a back-off (1 s, doubling up to 5 min), and until it succeeds
 * {@link #keysFor} completes with {@link KeysUnavailableException}. A request arriving while an
 * attempt is in flight waits for it; one arriving during the back-off is answered at once.
 *
 * <p>Limitation: discovery runs until it succeeds once; a {@code jwks_uri} the issuer moves
 * later is followed only after a restart.
 */
public final class DiscoveryKeySource implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryKeySource.class);

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final String issuer;
    private final URI discoveryUri;
    private final KeySourceSettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final DocumentFetcher fetcher;
    private final KeyFetchListener listener;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private final Object lock = new Object();
    /** The source of the discovered JWKS; null until discovery succeeds. Written under lock. */
    private volatile JwksKeySource delegate;
    /** The failure of the latest attempt; null when none failed. Written under lock. */
    private volatile Failed failed;
    private volatile boolean closed; // written under lock
    private CompletableFuture<JwksKeySource> inFlight; // guarded by lock
    private Duration nextBackoff; // guarded by lock
    private Instant nextAttemptAt; // guarded by lock
    private ScheduledFuture<?> planned; // guarded by lock

    /**
     * Creates the source and starts discovery in the background.
     *
     * @throws IllegalArgumentException if the issuer is not https (nor plain http allowed by its
     *     settings), or {@code client} follows redirects
     */
    public DiscoveryKeySource(IssuerConfig config, Clock clock, HttpClient client,
            KeyFetchListener listener) {
        this(Objects.requireNonNull(config, "config").issuer(), config.discoveryUri(),
                config.keySourceSettings(), clock, client, listener, INITIAL_BACKOFF,
                MAX_BACKOFF);
    }

    DiscoveryKeySource(String issuer, URI discoveryUri, KeySourceSettings settings, Clock clock,
            HttpClient client, KeyFetchListener listener, Duration initialBackoff,
            Duration maxBackoff) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.discoveryUri = Objects.requireNonNull(discoveryUri, "discoveryUri");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = Objects.requireNonNull(client, "client");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        FetchUris.check(issuer, discoveryUri, settings);
        this.fetcher = new DocumentFetcher(client, settings);

        CompletableFuture<JwksKeySource> first;
        synchronized (lock) {
            nextBackoff = initialBackoff;
            first = reserveAttempt();
        }
        launch(first);
    }

    /** Returns the discovered JWKS URI; empty until discovery succeeds. */
    public Optional<URI> jwksUri() {
        JwksKeySource current = delegate;
        return current == null ? Optional.empty() : Optional.of(current.jwksUri());
    }

    @Override
    public Optional<KeySet> cached() {
        JwksKeySource current = delegate;
        return current == null ? Optional.empty() : current.cached();
    }

    @Override
    public CompletionStage<KeySet> keysFor(String keyId) {
        JwksKeySource current = delegate;
        if (current != null) {
            return current.keysFor(keyId);
        }

        CompletableFuture<JwksKeySource> attempt = attemptIfDue(clock.instant());
        if (attempt == null) {
            return CompletableFuture.failedFuture(unavailable());
        }
        CompletableFuture<KeySet> answer = new CompletableFuture<>();
        attempt.whenComplete((source, error) -> {
            if (error != null) {
                answer.completeExceptionally(unavailable());
                return;
            }
            source.keysFor(keyId).whenComplete((keys, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(unwrap(failure));
                } else {
                    answer.complete(keys);
                }
            });
        });
        return answer;
    }

    @Override
    public KeySourceStatus status() {
        JwksKeySource current = delegate;
        if (current != null) {
            return current.status();
        }
        Failed failure = failed;
        return new KeySourceStatus(issuer, List.of(), Optional.empty(), Optional.empty(), false,
                failure == null ? Optional.empty() : Optional.of(failure.cause.getMessage()),
                failure == null ? Optional.empty() : Optional.of(failure.at));
    }

    @Override
    public void close() {
        JwksKeySource current;
        synchronized (lock) {
            closed = true;
            cancelPlannedLocked();
            current = delegate;
        }
        if (current != null) {
            current.close();
        }
    }

    /** Returns if a discovery retry is planned (for tests). */
    boolean retryPlanned() {
        synchronized (lock) {
            return planned != null && !planned.isDone();
        }
    }

    /** Returns the attempt in flight, a new one once the back-off has passed, or null. */
    private CompletableFuture<JwksKeySource> attemptIfDue(Instant now) {
        CompletableFuture<JwksKeySource> attempt;
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            if (delegate != null) {
                return CompletableFuture.completedFuture(delegate);
            }
            if (closed || (nextAttemptAt != null && now.isBefore(nextAttemptAt))) {
                return null;
            }
            attempt = reserveAttempt();
        }
        launch(attempt);
        return attempt;
    }

    /** Runs on the timer once the back-off has passed. */
    private void plannedAttempt() {
        CompletableFuture<JwksKeySource> attempt;
        synchronized (lock) {
            if (closed || delegate != null || inFlight != null) {
                return;
            }
            attempt = reserveAttempt();
        }
        launch(attempt);
    }

    private CompletableFuture<JwksKeySource> reserveAttempt() {
        cancelPlannedLocked();
        inFlight = new CompletableFuture<>();
        return inFlight;
    }

    private void launch(CompletableFuture<JwksKeySource> attempt) {
        long startNanos = System.nanoTime();
        fetcher.fetch(discoveryUri)
                .whenComplete((fetched, error) -> finish(attempt, fetched, error, startNanos));
    }

    private void finish(CompletableFuture<JwksKeySource> attempt, Document document,
            Throwable error, long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        try {
            if (error != null) {
                throw fetcher.failureOf(error);
            }
            succeeded(attempt, jwksUriOf(document.body()), took);
        } catch (KeyFetchException failure) {
            failed(attempt, failure);
        } catch (RuntimeException | Error unexpected) {
            failed(attempt, new KeyFetchException(Failure.MALFORMED,
                    "the discovery document could not be read: " + unexpected, unexpected));
        }
    }

    /**
     * Reads the {@code jwks_uri} of a discovery document whose {@code issuer} is exactly the
     * configured one.
     */
    private URI jwksUriOf(String body) throws KeyFetchException {
        String documentIssuer;
        String jwksUri;
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            documentIssuer = JSONObjectUtils.getString(json, "issuer");
            jwksUri = JSONObjectUtils.getString(json, "jwks_uri");
        } catch (ParseException e) {
            throw new KeyFetchException(Failure.MALFORMED, "the body is not a discovery "
                    + "document: " + e.getMessage(), e);
        }

        // OpenID Connect Discovery 1.0 section 4.3: the issuer must be identical to the one
        // the document was fetched for. A document naming another issuer (a proxy serving the
        // wrong tenant, a mix-up) would lead to keys that belong to someone else.
        if (documentIssuer == null) {
            throw new KeyFetchException(Failure.MALFORMED, "the discovery document has no issuer");
        }
        if (!documentIssuer.equals(issuer)) {
            throw new KeyFetchException(Failure.ISSUER_MISMATCH, "the discovery document names "
                    + "issuer " + documentIssuer + ", not the configured " + issuer);
        }
        if (jwksUri == null) {
            throw new KeyFetchException(Failure.MALFORMED, "the discovery document has no "
                    + "jwks_uri");
        }

        URI uri;
        try {
            uri = new URI(jwksUri);
        } catch (URISyntaxException e) {
            throw new KeyFetchException(Failure.MALFORMED, "the jwks_uri is not a URI: "
                    + e.getMessage(), e);
        }
        String refusal = FetchUris.refusal(uri, settings);
        if (refusal != null) {
            throw new KeyFetchException(Failure.REFUSED_URI, "the jwks_uri is refused: "
                    + refusal);
        }
        return uri;
    }

    private void succeeded(CompletableFuture<JwksKeySource> attempt, URI jwksUri,
            Duration took) {
        log.info("Discovered the JWKS URI of issuer {}: {}", issuer, jwksUri);
        notifyListener(() -> listener.discoverySucceeded(issuer, discoveryUri, jwksUri, took));
        if (closed) {
            synchronized (lock) {
                inFlight = inFlight == attempt ? null : inFlight;
            }
            attempt.completeExceptionally(unavailable());
            return;
        }

        JwksKeySource source = new JwksKeySource(issuer, jwksUri, settings, clock, client,
                listener);
        boolean wasClosed;
        synchronized (lock) {
            wasClosed = closed;
            if (!wasClosed) {
                delegate = source;
                failed = null;
            }
            if (inFlight == attempt) {
                inFlight = null;
            }
        }
        if (wasClosed) {
            source.close();
        }
        attempt.complete(source);
    }

    private void failed(CompletableFuture<JwksKeySource> attempt, KeyFetchException failure) {
        Instant now = clock.instant();
        Duration backoff;
        synchronized (lock) {
            failed = new Failed(failure, now);
            if (inFlight == attempt) {
                inFlight = null;
            }
            backoff = nextBackoff;
            nextBackoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                    ? maxBackoff : backoff.multipliedBy(2);
            nextAttemptAt = JwksKeySource.later(now, backoff);
            if (!closed) {
                planned = RefreshScheduler.schedule(this::plannedAttempt, backoff);
            }
        }
        log.warn("OpenID discovery for issuer {} at {} failed: {}. Tokens of this issuer are "
                + "refused until it succeeds; the next attempt comes in {}", issuer,
                discoveryUri, failure.getMessage(), backoff);
        notifyListener(() -> listener.fetchFailed(issuer, discoveryUri, failure.reason(),
                failure.getMessage()));
        attempt.completeExceptionally(failure);
    }

    private void cancelPlannedLocked() {
        if (planned != null) {
            planned.cancel(/* mayInterruptIfRunning= */ false);
            planned = null;
        }
    }

    private KeysUnavailableException unavailable() {
        Failed failure = failed;
        if (closed) {
            return new KeysUnavailableException("The key source of issuer " + issuer
                    + " is closed before discovery succeeded");
        }
        if (failure == null) {
            return new KeysUnavailableException("The JWKS URI of issuer " + issuer
                    + " is not known yet: discovery at " + discoveryUri + " is in progress");
        }
        return new KeysUnavailableException("The JWKS URI of issuer " + issuer + " is not "
                + "known: discovery at " + discoveryUri + " failed: "
                + failure.cause.getMessage(), failure.cause);
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("A key fetch listener failed for issuer {}", issuer, e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    /** The failure of the latest attempt and when it happened. */
    private static final class Failed {
        final KeyFetchException cause;
        final Instant at;

        Failed(KeyFetchException cause, Instant at) {
            this.cause = cause;
            this.at = at;
        }
    }
}
