package io.portcullis.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claim checks of RFC 7519 section 4.1 and RFC 9068 section 4 for one issuer, and the
 * principal built from claims that passed them.
 *
 * <p>Every claim is read by its JSON type: a string where a number belongs, an object where an
 * array belongs, is a {@link Reason#CLAIMS} refusal and never an exception.
 */
final class ClaimChecks {

    /** Payload {@code typ} values by which Keycloak marks tokens that are not access tokens. */
    private static final Set<String> NOT_ACCESS_TOKENS =
            Set.of("id", "refresh", "offline", "logout");

    private final IssuerConfig config;
    private final long skewSeconds;

    ClaimChecks(IssuerConfig config) {
        this.config = config;
        this.skewSeconds = config.clockSkew().getSeconds();
    }

    /**
     * Refuses a token whose type is not an access token: by header {@code typ} when the policy is
     * {@link TokenTypePolicy#ACCESS_TOKEN}, and always by a payload {@code typ} that names an ID,
     * refresh or logout token.
     */
    void checkType(CompactJws jws) throws Refusal {
        if (config.tokenType() == TokenTypePolicy.ACCESS_TOKEN && !isAccessTokenType(jws.type)) {
            throw new Refusal(Reason.TYPE, "The token is not an access token (typ must be "
                    + "at+jwt)");
        }
        if (jws.type != null && namesAnotherJwtType(jws.type)) {
            throw new Refusal(Reason.TYPE, "The token is not an access token (typ "
                    + "names another kind of JWT)");
        }
        Object marker = jws.claims.get("typ");
        if (marker instanceof String) {
            for (String other : NOT_ACCESS_TOKENS) {
                if (other.equalsIgnoreCase((String) marker)) {
                    throw new Refusal(Reason.TYPE, "The token is not an access token");
                }
            }
        }
    }

    /**
     * Returns if a header {@code typ} names a kind of JWT other than an access token, such as
     * {@code logout+jwt} (OIDC Back-Channel Logout), {@code secevent+jwt} or {@code dpop+jwt}
     * (RFC 7515 section 4.1.9 media types with the {@code +jwt} suffix).
     */
    private static boolean namesAnotherJwtType(String type) {
        int start = type.regionMatches(true, 0, "application/", 0, 12) ? 12 : 0;
        boolean jwt = type.length() - start >= 4
                && type.regionMatches(true, type.length() - 4, "+jwt", 0, 4);
        boolean accessToken = type.length() - start == 6
                && type.regionMatches(true, start, "at+jwt", 0, 6);
        return jwt && !accessToken;
    }

    /** RFC 9068 section 2.1: {@code at+jwt}, with or without the {@code application/} prefix. */
    private static boolean isAccessTokenType(String type) {
        return type != null && (type.equalsIgnoreCase("at+jwt")
                || type.equalsIgnoreCase("application/at+jwt"));
    }

    /** Checks time, audience and required claims at {@code now}; returns {@code exp}. */
    Instant checkClaims(Map<String, Object> claims, Instant now) throws Refusal {
        long nowSeconds = now.getEpochSecond();
        Long exp = number(claims, "exp");
        if (exp == null) {
            throw new Refusal(Reason.CLAIMS, "The token has no exp");
        }
        if (nowSeconds >= exp + skewSeconds) {
            throw new Refusal(Reason.EXPIRED, "The token has expired");
        }
        Long nbf = number(claims, "nbf");
        if (nbf != null && nowSeconds + skewSeconds < nbf) {
            throw new Refusal(Reason.NOT_YET_VALID, "The token is not valid yet");
        }
        Long iat = number(claims, "iat");
        checkAge(iat, nowSeconds);
        checkAudience(claims);
        for (String required : config.requiredClaims()) {
            if (claims.get(required) == null) {
                throw new Refusal(Reason.CLAIMS, "The token lacks the claim " + required);
            }
        }
        return Instant.ofEpochSecond(exp);
    }

    private void checkAge(Long iat, long nowSeconds) throws Refusal {
        if (iat != null && nowSeconds + skewSeconds < iat) {
            throw new Refusal(Reason.NOT_YET_VALID, "The token was issued in the future");
        }
        if (config.maxTokenAge().isEmpty()) {
            return;
        }
        if (iat == null) {
            throw new Refusal(Reason.CLAIMS, "The token has no iat");
        }
        Duration maxAge = config.maxTokenAge().get();
        if (nowSeconds - iat > maxAge.getSeconds() + skewSeconds) {
            throw new Refusal(Reason.EXPIRED, "The token is older than allowed");
        }
    }

    /** Re-checks only the time claims, for a token the cache has seen verified before. */
    void recheckTime(long expiresAt, Long notBefore, Long issuedAt, long nowSeconds)
            throws Refusal {
        if (nowSeconds >= expiresAt + skewSeconds) {
            throw new Refusal(Reason.EXPIRED, "The token has expired");
        }
        if (notBefore != null && nowSeconds + skewSeconds < notBefore) {
            throw new Refusal(Reason.NOT_YET_VALID, "The token is not valid yet");
        }
        checkAge(issuedAt, nowSeconds);
    }

    private void checkAudience(Map<String, Object> claims) throws Refusal {
        List<String> audiences = audiences(claims);
        if (config.audiences().isEmpty()) {
            return;
        }
        for (String audience : audiences) {
            if (config.audiences().contains(audience)) {
                return;
            }
        }
        throw new Refusal(Reason.AUDIENCE, "The token is not meant for this service");
    }

    /** Returns {@code aud} as a list, whether the token carried a string or an array. */
    static List<String> audiences(Map<String, Object> claims) throws Refusal {
        Object aud = claims.get("aud");
        if (aud == null) {
            return List.of();
        }
        if (aud instanceof String) {
            return List.of((String) aud);
        }
        if (aud instanceof Collection) {
            List<String> list = new ArrayList<>();
            for (Object item : (Collection<?>) aud) {
                if (!(item instanceof String)) {
                    throw new Refusal(Reason.CLAIMS, "The token claim aud holds a non-string");
                }
                list.add((String) item);
            }
            return list;
        }
        throw new Refusal(Reason.CLAIMS, "The token claim aud is neither a string nor an array");
    }

    /**
     * The largest NumericDate magnitude accepted, in seconds (about the year 318,000): beyond it
     * the time arithmetic could wrap round, and no issuer means it.
     */
    private static final long MAX_NUMERIC_DATE = 10_000_000_000_000L;

    /** Returns a NumericDate claim (RFC 7519 section 2) in whole seconds, null when absent. */
    static Long number(Map<String, Object> claims, String name) throws Refusal {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            long seconds = ((Number) value).longValue();
            if (seconds >= -MAX_NUMERIC_DATE && seconds <= MAX_NUMERIC_DATE) {
                return seconds;
            }
        } else if (value instanceof Double) {
            double d = (Double) value;
            if (Double.isFinite(d) && Math.abs(d) <= MAX_NUMERIC_DATE) {
                return (long) Math.floor(d);
            }
        }
        throw new Refusal(Reason.CLAIMS, "The token claim " + name + " is not a NumericDate");
    }

    /** Builds the principal of a token whose signature and claims passed. */
    TokenPrincipal principal(CompactJws jws, Instant expiresAt) throws Refusal {
        Map<String, Object> claims = jws.claims;
        String subject = CompactJws.optionalString(claims, "sub", Reason.CLAIMS);
        String clientId = CompactJws.optionalString(claims, "azp", Reason.CLAIMS);
        if (clientId == null) {
            clientId = CompactJws.optionalString(claims, "client_id", Reason.CLAIMS);
        }
        String name = subject != null ? subject : clientId;
        if (name == null) {
            throw new Refusal(Reason.CLAIMS, "The token names no subject (sub) or client (azp)");
        }
        Long iat = number(claims, "iat");
        // The claims are immutable as read (JsonObjects), so the principal shares them.
        return TokenPrincipal.builder(name, config.issuer())
                .audiences(Set.copyOf(audiences(claims)))
                .clientId(clientId)
                .mappedBy(config.claimMapping())
                .claims(claims)
                .expiresAt(expiresAt)
                .issuedAt(iat == null ? null : Instant.ofEpochSecond(iat))
                .keyId(jws.keyId)
                .tokenId(claims.get("jti") instanceof String ? (String) claims.get("jti") : null)
                .build();
    }
}
