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
        /** The time claims in epoch seconds, to check again on every hit. */
        final long expiresAt;
        final Long notBefore;
        final Long issuedAt;
        final long expiresAtNanos;

        Entry(Issuer issuer, ValidationResult.Valid result, KeySet.VerificationKey key,
                long expiresAt, Long notBefore, Long issuedAt, long expiresAtNanos) {
            this.issuer = issuer;
            this.result = result;
            this.key = key;
            this.expiresAt = expiresAt;
            this.notBefore = notBefore;
            this.issuedAt = issuedAt;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    /**
     * A token as a cache key, hashed over its last {@value #HASHED_CHARS} characters and compared
     * in full. A service receives each token as a new {@code String}, whose hash code Java
     * computes over every character (over a microsecond for an RSA-signed token); the end of a
     * token is its signature, which differs between any two genuine tokens. A client can make
     * tokens that share that tail, but only verified tokens are ever stored, so such a token
     * meets at most the few genuine entries with its hash and is then compared in full.
     */
    static final class Key {
        static final int HASHED_CHARS = 32;

        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).hash == hash
                    && ((Key) other).token.equals(token);
        }
    }

    private final Cache<Key, Entry> cache;
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
        return cache.getIfPresent(new Key(token));
    }

    void put(String token, Entry entry) {
        cache.put(new Key(token), entry);
    }

    void invalidate(String token) {
        cache.invalidate(new Key(token));
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Expires each entry when its token does. */
    private static final class UntilTokenExpiry implements Expiry<Key, Entry> {
        @Override
        public long expireAfterCreate(Key key, Entry entry, long currentTime) {
            return Math.max(0, entry.expiresAtNanos - currentTime);
        }

        @Override
        public long expireAfterUpdate(Key key, Entry entry, long currentTime,
                long currentDuration) {
            return Math.max(0, entry.expiresAtNanos - currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Entry entry, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
