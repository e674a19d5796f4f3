package io.portcullis.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.portcullis.keys.KeySet;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Tokens whose signature was verified, by their exact text, so that a token seen again is not
 * verified again. An entry lives no longer than its token's {@code exp} plus the clock skew; the
 * time claims are checked again on every hit by the caller, and so is the presence of the key
 * that verified it, because a key the issuer has withdrawn must stop vouching for its tokens.
 */
final class VerifiedTokenCache {

    /** What is kept of one verified token. */
    static final class Entry {
        final Issuer issuer;
        final ValidationResult.Valid result;
        final KeySet.VerificationKey key;
        final Long notBefore;
        final long expiresAtNanos;

        Entry(Issuer issuer, ValidationResult.Valid result, KeySet.VerificationKey key,
                Long notBefore, long expiresAtNanos) {
            this.issuer = issuer;
            this.result = result;
            this.key = key;
            this.notBefore = notBefore;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    private final Cache<String, Entry> cache;
    private final Clock clock;

    VerifiedTokenCache(long maxEntries, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(this::nanos)
                .expireAfter(new UntilTokenExpiry())
                .build();
    }

    /** Returns the clock's time on Caffeine's nanosecond scale. */
    long nanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    Entry get(String token) {
        return cache.getIfPresent(token);
    }

    void put(String token, Entry entry) {
        cache.put(token, entry);
    }

    void invalidate(String token) {
        cache.invalidate(token);
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Expires each entry when its token does. */
    private static final class UntilTokenExpiry implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return Math.max(0, entry.expiresAtNanos - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime,
                long currentDuration) {
            return Math.max(0, entry.expiresAtNanos - currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
