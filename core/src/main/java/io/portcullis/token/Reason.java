package io.portcullis.token;

/**
 * Why a token was refused, as a stable code that logs, metrics and clients can rely on.
 *
 * <p>Every reason maps to an RFC 6750 section 3.1 error code. {@link #KEYS_UNAVAILABLE} is the one
 * reason that is not the client's fault: the issuer's keys could not be had at all, so adapters
 * answer it with 503 and {@code Retry-After} instead of 401.
 */
public enum Reason {
    /** The request carried the token in a way RFC 6750 does not allow (two headers, empty). */
    INVALID_REQUEST("invalid_request", "invalid_request"),
    /** Not a compact JWS: wrong number of parts, bad base64url, bad JSON, a JWE. */
    MALFORMED("malformed", "invalid_token"),
    /** Longer than the configured cap, refused before any parsing. */
    TOO_LARGE("too_large", "invalid_request"),
    /** {@code alg} is {@code none}, unknown, or not allowed for the token's issuer. */
    ALGORITHM("algorithm", "invalid_token"),
    /** No signing key of the issuer has the token's {@code kid} and fits its algorithm. */
    KEY_NOT_FOUND("key_not_found", "invalid_token"),
    /** The signature does not verify. */
    SIGNATURE("signature", "invalid_token"),
    /** {@code exp} has passed (beyond the clock skew), or the token is older than allowed. */
    EXPIRED("expired", "invalid_token"),
    /** {@code nbf} or {@code iat} lies in the future (beyond the clock skew). */
    NOT_YET_VALID("not_yet_valid", "invalid_token"),
    /** {@code iss} is missing or is not one of the configured issuers. */
    ISSUER("issuer", "invalid_token"),
    /** None of the accepted audiences is in {@code aud}. */
    AUDIENCE("audience", "invalid_token"),
    /** The token type is not an access token (RFC 9068 {@code typ}, or an ID token). */
    TYPE("type", "invalid_token"),
    /** A claim is missing, or has the wrong JSON type. */
    CLAIMS("claims", "invalid_token"),
    /** The header names a critical extension ({@code crit}) that is not understood. */
    CRIT("crit", "invalid_token"),
    /** The issuer's keys cannot be had (never fetched, or stale beyond the allowed window). */
    KEYS_UNAVAILABLE("keys_unavailable", "temporarily_unavailable");

    private final String code;
    private final String error;

    Reason(String code, String error) {
        this.code = code;
        this.error = error;
    }

    /** Returns the stable code, such as {@code key_not_found}. */
    public String code() {
        return code;
    }

    /**
     * Returns the RFC 6750 section 3.1 error code: {@code invalid_token} or
     * {@code invalid_request}; {@code temporarily_unavailable} for {@link #KEYS_UNAVAILABLE},
     * which is not an RFC 6750 code and should be answered with 503 instead of a challenge.
     */
    public String error() {
        return error;
    }

    /** Returns if the caller is to blame (401 or 400), as opposed to the issuer (503). */
    public boolean isClientFault() {
        return this != KEYS_UNAVAILABLE;
    }
}
