package io.portcullis.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How a remote key source fetches and keeps keys: timeouts, size caps, cache lifetimes, the
 * cool-down between refetches for unknown key ids, and how long stale keys may serve while the
 * issuer cannot be reached.
 */
public final class KeySourceSettings {

    /** Used when a JWKS response has no usable {@code Cache-Control: max-age}. */
    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MIN_CACHE_LIFETIME = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_CACHE_LIFETIME = Duration.ofHours(24);
    public static final Duration DEFAULT_REFETCH_COOLDOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STALE_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024; // 1 MiB
    public static final int DEFAULT_MAX_KEYS = 100;

    private static final KeySourceSettings DEFAULTS = builder().build();

    private final Duration defaultCacheLifetime;
    private final Duration minCacheLifetime;
    private final Duration maxCacheLifetime;
    private final Duration refetchCooldown;
    private final Duration staleWindow;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final int maxKeys;
    private final boolean allowInsecureHttp;

    private KeySourceSettings(Builder b) {
        this.defaultCacheLifetime = b.defaultCacheLifetime;
        this.minCacheLifetime = b.minCacheLifetime;
        this.maxCacheLifetime = b.maxCacheLifetime;
        this.refetchCooldown = b.refetchCooldown;
        this.staleWindow = b.staleWindow;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxKeys = b.maxKeys;
        this.allowInsecureHttp = b.allowInsecureHttp;
        if (minCacheLifetime.compareTo(maxCacheLifetime) > 0) {
            throw new IllegalArgumentException("minCacheLifetime " + minCacheLifetime
                    + " is longer than maxCacheLifetime " + maxCacheLifetime);
        }
    }

    /** Returns the defaults: 5 min lifetime (30 s to 24 h), 30 s cool-down, 24 h stale, 2 s/5 s. */
    public static KeySourceSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns how long keys stay fresh when the response says nothing usable (or no-cache). */
    public Duration defaultCacheLifetime() {
        return defaultCacheLifetime;
    }

    /** Returns the lower bound applied to a response's {@code max-age}. */
    public Duration minCacheLifetime() {
        return minCacheLifetime;
    }

    /** Returns the upper bound applied to a response's {@code max-age}. */
    public Duration maxCacheLifetime() {
        return maxCacheLifetime;
    }

    /** Returns the least time between two refetches caused by unknown key ids. */
    public Duration refetchCooldown() {
        return refetchCooldown;
    }

    /** Returns how long keys may keep serving past their freshness while refreshes fail. */
    public Duration staleWindow() {
        return staleWindow;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns how long a response may take once connected, the whole body included. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Returns the largest JWKS or discovery document accepted, in bytes. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Returns the most keys a JWKS may hold; a larger one is refused as a whole. */
    public int maxKeys() {
        return maxKeys;
    }

    /** Returns if plain {@code http://} is allowed to hosts other than loopback. */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** Returns a builder holding these settings. */
    public Builder toBuilder() {
        return new Builder()
                .defaultCacheLifetime(defaultCacheLifetime)
                .minCacheLifetime(minCacheLifetime)
                .maxCacheLifetime(maxCacheLifetime)
                .refetchCooldown(refetchCooldown)
                .staleWindow(staleWindow)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .maxResponseBytes(maxResponseBytes)
                .maxKeys(maxKeys)
                .allowInsecureHttp(allowInsecureHttp);
    }

    /** Builds {@link KeySourceSettings}; every value starts at its default. */
    public static final class Builder {
        private Duration defaultCacheLifetime = DEFAULT_CACHE_LIFETIME;
        private Duration minCacheLifetime = DEFAULT_MIN_CACHE_LIFETIME;
        private Duration maxCacheLifetime = DEFAULT_MAX_CACHE_LIFETIME;
        private Duration refetchCooldown = DEFAULT_REFETCH_COOLDOWN;
        private Duration staleWindow = DEFAULT_STALE_WINDOW;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private boolean allowInsecureHttp;

        private Builder() {
        }

        public Builder defaultCacheLifetime(Duration value) {
            this.defaultCacheLifetime = positive(value, "defaultCacheLifetime");
            return this;
        }

        public Builder minCacheLifetime(Duration value) {
            this.minCacheLifetime = notNegative(value, "minCacheLifetime");
            return this;
        }

        public Builder maxCacheLifetime(Duration value) {
            this.maxCacheLifetime = positive(value, "maxCacheLifetime");
            return this;
        }

        public Builder refetchCooldown(Duration value) {
            this.refetchCooldown = notNegative(value, "refetchCooldown");
            return this;
        }

        public Builder staleWindow(Duration value) {
            this.staleWindow = notNegative(value, "staleWindow");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = positive(value, "readTimeout");
            return this;
        }

        public Builder maxResponseBytes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive: " + value);
            }
            this.maxResponseBytes = value;
            return this;
        }

        public Builder maxKeys(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxKeys must be positive: " + value);
            }
            this.maxKeys = value;
            return this;
        }

        /**
         * Allows plain {@code http://} to hosts other than loopback. Keys fetched without TLS can
         * be replaced by anyone on the path, who can then mint tokens this service accepts.
         */
        public Builder allowInsecureHttp(boolean value) {
            this.allowInsecureHttp = value;
            return this;
        }

        public KeySourceSettings build() {
            return new KeySourceSettings(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration notNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
