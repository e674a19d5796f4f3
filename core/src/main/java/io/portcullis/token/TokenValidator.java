package io.portcullis.token;

import io.portcullis.keys.FixedKeySource;
import io.portcullis.keys.KeyFetchListener;
import io.portcullis.keys.KeySet;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.keys.KeySources;
import io.portcullis.keys.KeySource;
import io.portcullis.keys.KeySourceStatus;
import io.portcullis.keys.KeysUnavailableException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an access token is genuine: issued by a trusted issuer, signed by one of its
 * keys, meant for this service and within its lifetime.
 *
 * <p>Checks run in an order that spends nothing expensive on hopeless input: length, compact JWS
 * shape, header ({@code alg} known, {@code crit} understood), issuer allowlist, algorithm allowed
 * for that issuer, token type, key by {@code kid}, signature, then the claims ({@code exp},
 * {@code nbf}, {@code iat}, {@code aud}, required claims, RFC 7519 section 4.1). Nothing a token
 * says makes the validator contact any address: keys come only from the configured issuers.
 *
 * <p>Two forms: {@link #validate(String)} blocks while keys are fetched; {@link
 * #validateAsync(String)} never blocks on network I/O and, when the keys are cached, completes
 * before it returns, on the calling thread.
 *
 * <p>Neither form throws for anything a client can send: every refusal is a {@link Rejection}
 * with a stable {@link Reason}.
 */
public final class TokenValidator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenValidator.class);

    /** The longest token accepted by default, in characters. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 16 * 1024; // 16 KiB
    /** Without a {@code kid}, at most this many keys are tried, so no token costs more. */
    static final int MAX_KEYS_TRIED_WITHOUT_KID = 4;

    private final Map<String, Issuer> issuers;
    private final Clock clock;
    private final int maxTokenLength;
    private final VerifiedTokenCache cache;
    private final ValidationListener listener;

    private TokenValidator(Builder b) {
        this.clock = b.clock;
        this.maxTokenLength = b.maxTokenLength;
        this.listener = b.listener;
        this.cache = b.cacheEnabled ? new VerifiedTokenCache(b.cacheMaxEntries, clock) : null;
        Map<String, Issuer> byId = new LinkedHashMap<>();
        for (IssuerConfig config : b.issuers) {
            byId.put(config.issuer(), new Issuer(config, b.keySourceFactory.create(config, clock)));
            log.info("Trusting issuer {} (keys from {}, audiences {}, algorithms {})",
                    config.issuer(), config.keysFrom(), config.audiences(),
                    new java.util.TreeSet<>(config.algorithmNames()));
        }
        this.issuers = Collections.unmodifiableMap(byId); // keeps the configured order
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates {@code token}, waiting for a key fetch when the issuer's keys are not cached. */
    public ValidationResult validate(String token) {
        long start = System.nanoTime();
        ValidationResult cached = fromCache(token, start);
        if (cached != null) {
            return cached;
        }
        Parsed parsed;
        try {
            parsed = prepare(token);
        } catch (Refusal refusal) {
            return rejected(refusal.rejection(), start);
        } catch (RuntimeException unexpected) {
            return unprocessable(unexpected, start);
        }
        KeySet keys;
        try {
            keys = parsed.issuer.keys.keysFor(parsed.jws.keyId).toCompletableFuture().join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return finish(token, parsed, null, e, start);
        }
        return finish(token, parsed, keys, null, start);
    }

    /**
     * Validates {@code token} without blocking on network I/O. When the issuer's keys are cached,
     * the returned stage is already complete; otherwise it completes on the key source's thread.
     */
    public CompletionStage<ValidationResult> validateAsync(String token) {
        long start = System.nanoTime();
        ValidationResult cached = fromCache(token, start);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        Parsed parsed;
        try {
            parsed = prepare(token);
        } catch (Refusal refusal) {
            return CompletableFuture.completedFuture(rejected(refusal.rejection(), start));
        } catch (RuntimeException unexpected) {
            return CompletableFuture.completedFuture(unprocessable(unexpected, start));
        }
        CompletionStage<KeySet> keys;
        try {
            keys = parsed.issuer.keys.keysFor(parsed.jws.keyId);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(finish(token, parsed, null, e, start));
        }
        return keys.handle((set, error) -> finish(token, parsed, set, error, start));
    }

    /** Returns the state of every issuer's keys, for health checks. */
    public List<KeySourceStatus> keyStatus() {
        List<KeySourceStatus> all = new ArrayList<>();
        for (Issuer issuer : issuers.values()) {
            all.add(issuer.keys.status());
        }
        return all;
    }

    /** Returns the configured issuers. */
    public List<IssuerConfig> issuers() {
        List<IssuerConfig> all = new ArrayList<>();
        for (Issuer issuer : issuers.values()) {
            all.add(issuer.config);
        }
        return all;
    }

    /** Stops the key sources' background work. */
    @Override
    public void close() {
        for (Issuer issuer : issuers.values()) {
            issuer.keys.close();
        }
    }

    private ValidationResult fromCache(String token, long start) {
        if (cache == null || token == null) {
            return null;
        }
        VerifiedTokenCache.Entry entry = cache.get(token);
        if (entry == null) {
            return null;
        }
        KeySet current = entry.issuer.keys.cached().orElse(null);
        if (current == null || !current.contains(entry.key)) {
            // The key that verified this token has left the issuer's JWKS: verify again, which
            // refuses the token unless the key is back.
            cache.invalidate(token);
            return null;
        }
        try {
            entry.issuer.checks.recheckTime(entry.expiresAt, entry.notBefore, entry.issuedAt,
                    Math.floorDiv(clock.millis(), 1000L));
        } catch (Refusal refusal) {
            cache.invalidate(token);
            return rejected(withToken(refusal.rejection(), entry.result.principal()), start);
        }
        notifyAccepted(entry.result.principal(), /* cacheHit= */ true, start);
        return entry.result;
    }

    /** The checks before a key is needed, which need no I/O. */
    private Parsed prepare(String token) throws Refusal {
        if (token == null) {
            throw new Refusal(Reason.MALFORMED, "No token");
        }
        CompactJws jws = CompactJws.parse(token, maxTokenLength);
        Object iss = jws.claims.get("iss");
        if (iss == null) {
            throw new Refusal(Rejection.of(Reason.ISSUER, "The token names no issuer", null,
                    jws.keyId));
        }
        if (!(iss instanceof String)) {
            throw new Refusal(Rejection.of(Reason.CLAIMS, "The token claim iss is not a string",
                    null, jws.keyId));
        }
        // An unknown issuer is refused here, before any key is looked up: a token must never
        // be able to point the validator at keys of its own choosing.
        Issuer issuer = issuers.get(iss);
        if (issuer == null) {
            throw new Refusal(Rejection.of(Reason.ISSUER, "The token issuer is not trusted",
                    (String) iss, jws.keyId));
        }
        if (!issuer.config.algorithms().contains(jws.algorithm)) {
            throw new Refusal(Rejection.of(Reason.ALGORITHM, "The token algorithm "
                    + jws.algorithm + " is not accepted", issuer.config.issuer(), jws.keyId));
        }
        try {
            issuer.checks.checkType(jws);
        } catch (Refusal refusal) {
            throw new Refusal(withIssuer(refusal.rejection(), issuer, jws));
        }
        return new Parsed(jws, issuer);
    }

    private ValidationResult finish(String token, Parsed parsed, KeySet keys, Throwable error,
            long start) {
        try {
            if (error != null) {
                throw keysUnavailable(parsed, error);
            }
            KeySet.VerificationKey key = verify(parsed, keys);
            Instant now = clock.instant();
            Instant expiresAt = parsed.issuer.checks.checkClaims(parsed.jws.claims, now);
            TokenPrincipal principal = parsed.issuer.checks.principal(parsed.jws, expiresAt);
            ValidationResult.Valid valid = new ValidationResult.Valid(principal);
            remember(token, parsed, valid, key, expiresAt);
            notifyAccepted(principal, /* cacheHit= */ false, start);
            return valid;
        } catch (Refusal refusal) {
            return rejected(withIssuer(refusal.rejection(), parsed.issuer, parsed.jws), start);
        } catch (RuntimeException unexpected) {
            // A bug or a hostile input nobody foresaw: refuse the token, never fail the request.
            log.warn("Refusing a token of {} after an unexpected error",
                    parsed.issuer.config.issuer(), unexpected);
            return rejected(Rejection.of(Reason.MALFORMED, "The token could not be processed",
                    parsed.issuer.config.issuer(), parsed.jws.keyId), start);
        }
    }

    /**
     * Refuses a token whose reading failed in a way nobody foresaw: a bug, or hostile input
     * that found one. The caller gets a refusal, never an exception.
     */
    private ValidationResult unprocessable(RuntimeException unexpected, long start) {
        log.warn("Refusing a token after an unexpected error while reading it", unexpected);
        return rejected(Rejection.of(Reason.MALFORMED, "The token could not be processed"),
                start);
    }

    private Refusal keysUnavailable(Parsed parsed, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (!(cause instanceof KeysUnavailableException)) {
            log.warn("Key source of {} failed unexpectedly", parsed.issuer.config.issuer(), cause);
        }
        return new Refusal(Reason.KEYS_UNAVAILABLE, "The issuer's keys are not available now");
    }

    /** Finds the key for the token and checks the signature; returns the key that verified it. */
    private static KeySet.VerificationKey verify(Parsed parsed, KeySet keys) throws Refusal {
        CompactJws jws = parsed.jws;
        List<KeySet.VerificationKey> candidates = keys.candidates(jws.keyId, jws.algorithm);
        if (candidates.isEmpty()) {
            throw noKey(jws, keys);
        }
        if (jws.keyId == null && candidates.size() > MAX_KEYS_TRIED_WITHOUT_KID) {
            throw new Refusal(Reason.KEY_NOT_FOUND, "The token names no key (kid) and the "
                    + "issuer has several");
        }
        for (KeySet.VerificationKey key : candidates) {
            try {
                if (key.verify(jws.algorithm, jws.ascii, jws.signingInputLength, jws.signature)) {
                    return key;
                }
            } catch (GeneralSecurityException e) {
                log.debug("Key {} could not check a signature: {}", key.jwk().getKeyID(),
                        e.getMessage());
            }
        }
        throw new Refusal(Reason.SIGNATURE, "The token signature is not valid");
    }

    private static Refusal noKey(CompactJws jws, KeySet keys) {
        if (keys.hasKeyId(jws.keyId) && jws.keyId != null) {
            return new Refusal(Reason.ALGORITHM, "The token's key does not fit its algorithm");
        }
        if (keys.refreshFailing()) {
            // The issuer may have rotated to this key while it cannot be reached: that is not
            // the caller's fault, so it must not be answered like a forged key id.
            return new Refusal(Reason.KEYS_UNAVAILABLE, "The issuer's keys cannot be refreshed "
                    + "now");
        }
        return new Refusal(Reason.KEY_NOT_FOUND, "The token's signing key is not known");
    }

    private void remember(String token, Parsed parsed, ValidationResult.Valid valid,
            KeySet.VerificationKey key, Instant expiresAt) throws Refusal {
        if (cache == null) {
            return;
        }
        long skewNanos = parsed.issuer.config.clockSkew().toNanos();
        long until = TimeUnit.SECONDS.toNanos(expiresAt.getEpochSecond()) + skewNanos;
        Long notBefore = ClaimChecks.number(parsed.jws.claims, "nbf");
        Long issuedAt = ClaimChecks.number(parsed.jws.claims, "iat");
        cache.put(token, new VerifiedTokenCache.Entry(parsed.issuer, valid, key,
                expiresAt.getEpochSecond(), notBefore, issuedAt, until));
    }

    private ValidationResult rejected(Rejection rejection, long start) {
        if (log.isDebugEnabled()) {
            log.debug("Refused a token: {} ({}), issuer {}, kid {}", rejection.reason().code(),
                    rejection.description(), rejection.issuer().orElse("-"),
                    rejection.keyId().orElse("-"));
        }
        try {
            listener.rejected(rejection, System.nanoTime() - start);
        } catch (RuntimeException e) {
            log.warn("A validation listener failed", e);
        }
        return new ValidationResult.Rejected(rejection);
    }

    private void notifyAccepted(TokenPrincipal principal, boolean cacheHit, long start) {
        if (listener == ValidationListener.NONE) {
            return;
        }
        try {
            listener.accepted(principal, cacheHit, System.nanoTime() - start);
        } catch (RuntimeException e) {
            log.warn("A validation listener failed", e);
        }
    }

    private static Rejection withIssuer(Rejection rejection, Issuer issuer, CompactJws jws) {
        return Rejection.of(rejection.reason(), rejection.description(), issuer.config.issuer(),
                jws.keyId);
    }

    private static Rejection withToken(Rejection rejection, TokenPrincipal principal) {
        return Rejection.of(rejection.reason(), rejection.description(), principal.issuer(),
                principal.keyId().orElse(null));
    }

    /** A token that passed the checks needing no key, with its issuer. */
    private static final class Parsed {
        final CompactJws jws;
        final Issuer issuer;

        Parsed(CompactJws jws, Issuer issuer) {
            this.jws = jws;
            this.issuer = issuer;
        }
    }

    /** Builds a {@link TokenValidator}; at least one issuer is required. */
    public static final class Builder {
        private final List<IssuerConfig> issuers = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
        private boolean cacheEnabled = true;
        private long cacheMaxEntries = 10_000;
        private ValidationListener listener = ValidationListener.NONE;
        private KeySourceFactory keySourceFactory;
        private KeyFetchListener keyFetchListener = KeyFetchListener.NONE;

        private Builder() {
        }

        /** Trusts this issuer; issuer identifiers must be distinct. */
        public Builder issuer(IssuerConfig issuer) {
            Objects.requireNonNull(issuer, "issuer");
            for (IssuerConfig known : issuers) {
                if (known.issuer().equals(issuer.issuer())) {
                    throw new IllegalArgumentException("Issuer " + issuer.issuer()
                            + " is configured twice");
                }
            }
            issuers.add(issuer);
            return this;
        }

        /** Trusts these issuers. */
        public Builder issuers(Iterable<IssuerConfig> issuers) {
            for (IssuerConfig issuer : issuers) {
                issuer(issuer);
            }
            return this;
        }

        /** Sets where time comes from, for every expiry, cache and cool-down. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Refuses longer tokens before parsing them (default 16 KiB). */
        public Builder maxTokenLength(int characters) {
            if (characters < 16) {
                throw new IllegalArgumentException("maxTokenLength is too small: " + characters);
            }
            this.maxTokenLength = characters;
            return this;
        }

        /**
         * Keeps up to {@code maxEntries} verified tokens, so a token seen again skips the
         * signature check (default 10,000).
         */
        public Builder verifiedTokenCache(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
            }
            this.cacheEnabled = true;
            this.cacheMaxEntries = maxEntries;
            return this;
        }

        /** Verifies every token's signature, even one seen a moment ago. */
        public Builder withoutVerifiedTokenCache() {
            this.cacheEnabled = false;
            return this;
        }

        public Builder listener(ValidationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Replaces how key sources are made; by default they share one HTTP client. */
        public Builder keySourceFactory(KeySourceFactory factory) {
            this.keySourceFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Hears about every key fetch of the default key sources, for metrics. */
        public Builder keyFetchListener(KeyFetchListener listener) {
            this.keyFetchListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public TokenValidator build() {
            if (issuers.isEmpty()) {
                throw new IllegalStateException("No issuer is configured: every token would be "
                        + "refused");
            }
            if (keySourceFactory == null) {
                keySourceFactory = defaultKeySources();
            }
            return new TokenValidator(this);
        }

        /** Key sources sharing one HTTP client, made only if some issuer fetches keys. */
        private KeySourceFactory defaultKeySources() {
            Duration connectTimeout = Duration.ZERO;
            for (IssuerConfig issuer : issuers) {
                Duration own = issuer.keySourceSettings().connectTimeout();
                connectTimeout = own.compareTo(connectTimeout) > 0 ? own : connectTimeout;
            }
            KeySourceSettings clientSettings = KeySourceSettings.builder()
                    .connectTimeout(connectTimeout).build();
            KeyFetchListener listener = keyFetchListener;
            HttpClient[] shared = new HttpClient[1];
            return (config, clock) -> {
                if (config.keysFrom() == IssuerConfig.KeysFrom.FIXED_KEYS
                        || config.keysFrom() == IssuerConfig.KeysFrom.SHARED_SECRET) {
                    return FixedKeySource.of(config, clock);
                }
                if (shared[0] == null) {
                    shared[0] = KeySources.httpClient(clientSettings);
                }
                return KeySources.create(config, clock, shared[0], listener);
            };
        }
    }
}
