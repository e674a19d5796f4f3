package io.portcullis.token;

import java.util.List;
import java.util.Objects;

/**
 * Takes the access token out of a request's {@code Authorization} header as RFC 6750 section 2.1
 * says: one header, the scheme {@code Bearer} in any letter case, one space or more, and exactly
 * one token of the {@code b64token} alphabet. Every adapter uses this, so every framework reads a
 * header the same way.
 *
 * <p>Tokens in query strings (RFC 6750 section 2.3) are never read: they end up in access logs.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer";

    private BearerToken() {
    }

    /** What a request's {@code Authorization} headers hold. */
    public sealed interface Result permits Absent, Present, Invalid {
    }

    /**
     * No bearer token: no {@code Authorization} header, or one of another scheme such as
     * {@code Basic}. RFC 6750 section 3.1 says a challenge without an error code is due when a
     * client sends no credentials or ones of an unsupported method.
     */
    public record Absent() implements Result {
    }

    /** Exactly one well-formed bearer token. */
    public record Present(String token) implements Result {
        public Present {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Present[token hidden]";
        }
    }

    /** A header that RFC 6750 does not allow, answered with {@code invalid_request} (400). */
    public record Invalid(Rejection rejection) implements Result {
        public Invalid {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    private static final Absent ABSENT = new Absent();

    /**
     * Reads the token from every value of the request's {@code Authorization} header.
     *
     * @param values the header's values, in order; null or empty when the header is absent
     * @param maxTokenLength the longest token accepted; a longer header is refused unread
     */
    public static Result from(List<String> values, int maxTokenLength) {
        if (values == null || values.isEmpty()) {
            return ABSENT;
        }
        if (values.size() > 1) {
            return invalid(Reason.INVALID_REQUEST, "The request has more than one Authorization "
                    + "header");
        }
        return from(values.get(0), maxTokenLength);
    }

    /** Reads the token from the single value of an {@code Authorization} header. */
    public static Result from(String value, int maxTokenLength) {
        if (value == null) {
            return ABSENT;
        }
        if (value.length() > maxTokenLength + SCHEME.length() + 16) {
            return invalid(Reason.TOO_LARGE, "The Authorization header is too large");
        }
        int start = SCHEME.length();
        if (value.length() < start
                || !value.regionMatches(/* ignoreCase= */ true, 0, SCHEME, 0, start)
                || (start < value.length() && value.charAt(start) != ' ')) {
            // Credentials of another scheme (RFC 7235 section 2.1): this server does not
            // read them, so to it the request carries no token.
            return ABSENT;
        }
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        int end = value.length();
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            return invalid(Reason.INVALID_REQUEST, "The bearer token is empty");
        }
        String token = value.substring(start, end);
        if (token.length() > maxTokenLength) {
            return invalid(Reason.TOO_LARGE, "The token is longer than " + maxTokenLength
                    + " characters");
        }
        if (!isB64Token(token)) {
            return invalid(Reason.INVALID_REQUEST, "The Authorization header must hold exactly "
                    + "one bearer token");
        }
        return new Present(token);
    }

    /** RFC 6750 section 2.1 b64token: {@code 1*( ALPHA / DIGIT / "-._~+/" ) *"="}. */
    private static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    /** The b64token characters but {@code =}, by ASCII code: one lookup per character. */
    private static final boolean[] B64TOKEN = b64TokenTable();

    private static boolean[] b64TokenTable() {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
        return table;
    }

    private static boolean isB64TokenChar(char c) {
        return c < 128 && B64TOKEN[c];
    }

    private static Invalid invalid(Reason reason, String description) {
        return new Invalid(Rejection.of(reason, description));
    }
}
