package io.portcullis.keys;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads how long a JWKS response may be kept from its {@code Cache-Control} header
 * (<a href="https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2">RFC 9111 section 5.2.2</a>).
 *
 * <p>{@code max-age} is clamped to the configured bounds: a tiny one would have every instance
 * refetch all the time, a huge one would keep a withdrawn key for days. {@code no-cache} and
 * {@code no-store} (Keycloak sends {@code no-cache}) ask a browser cache to revalidate, which a
 * key source does by refreshing; they and a missing or unreadable {@code max-age} give the
 * configured default. {@code Expires} and {@code Age} are not read.
 */
final class CacheLifetime {

    private CacheLifetime() {
    }

    /** Returns how long keys from a response with these headers stay fresh. */
    static Duration of(HttpHeaders headers, KeySourceSettings settings) {
        long maxAgeSeconds = -1;
        for (String value : headers.allValues("Cache-Control")) {
            for (String directive : value.split(",")) {
                int equals = directive.indexOf('=');
                String name = (equals < 0 ? directive : directive.substring(0, equals))
                        .trim().toLowerCase(Locale.ROOT);
                String argument = equals < 0 ? null : directive.substring(equals + 1).trim();
                if ((name.equals("no-cache") && argument == null) || name.equals("no-store")) {
                    return settings.defaultCacheLifetime();
                }
                if (name.equals("max-age") && argument != null) {
                    long seconds = seconds(argument);
                    if (seconds >= 0 && (maxAgeSeconds < 0 || seconds < maxAgeSeconds)) {
                        maxAgeSeconds = seconds;
                    }
                }
            }
        }
        if (maxAgeSeconds < 0) {
            return settings.defaultCacheLifetime();
        }
        return clamp(Duration.ofSeconds(maxAgeSeconds), settings);
    }

    private static Duration clamp(Duration lifetime, KeySourceSettings settings) {
        if (lifetime.compareTo(settings.minCacheLifetime()) < 0) {
            return settings.minCacheLifetime();
        }
        if (lifetime.compareTo(settings.maxCacheLifetime()) > 0) {
            return settings.maxCacheLifetime();
        }
        return lifetime;
    }

    /** Returns the delta-seconds value, Long.MAX_VALUE when it overflows, or -1 if unreadable. */
    private static long seconds(String argument) {
        String digits = argument;
        if (digits.length() >= 2 && digits.startsWith("\"") && digits.endsWith("\"")) {
            digits = digits.substring(1, digits.length() - 1);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
