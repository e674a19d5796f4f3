package io.portcullis.keys;

import java.net.URI;
import java.time.Duration;

/**
 * Hears about every fetch a key source makes, so that metrics and health checks can follow an
 * issuer's availability. Every method does nothing by default; override the ones wanted.
 *
 * <p>Methods are called on the thread that completed the fetch, after the source has taken the
 * outcome into account; they must return quickly and not block. An exception thrown here is
 * logged and otherwise ignored.
 */
public interface KeyFetchListener {

    /** A listener that ignores everything. */
    KeyFetchListener NONE = new KeyFetchListener() { };

    /** Why a fetch failed, in few enough kinds to tag a metric with. */
    enum Failure {
        /** The response, headers or body, did not arrive within the configured timeouts. */
        TIMEOUT,
        /** The connection could not be made or broke (refused, reset, TLS failure). */
        CONNECTION,
        /** The response status was not 200; a redirect is never followed. */
        HTTP_STATUS,
        /** The response was larger than the configured cap. */
        TOO_LARGE,
        /** The body was not the JSON document expected. */
        MALFORMED,
        /** The JWKS held more keys than the configured maximum. */
        TOO_MANY_KEYS,
        /** The JWKS held no key that can verify a signature. */
        NO_USABLE_KEYS,
        /** The discovery document named another issuer than the configured one. */
        ISSUER_MISMATCH,
        /** The discovery document named a JWKS URI that is not allowed (plain http, no host). */
        REFUSED_URI
    }

    /** A JWKS was fetched and its {@code keyCount} signing keys now serve. */
    default void fetchSucceeded(String issuer, URI uri, int keyCount, Duration duration) {
    }

    /** A JWKS or discovery fetch failed; {@code detail} is a readable, unbounded message. */
    default void fetchFailed(String issuer, URI uri, Failure reason, String detail) {
    }

    /** A discovery document was fetched and named {@code jwksUri}. */
    default void discoverySucceeded(String issuer, URI uri, URI jwksUri, Duration duration) {
    }
}
