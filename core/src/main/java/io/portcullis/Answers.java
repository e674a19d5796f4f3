package io.portcullis;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import io.portcullis.token.Reason;
import io.portcullis.token.Rejection;
import io.portcullis.token.TokenPrincipal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds every {@link AccessOutcome}: the status, the RFC 6750 section 3 challenge and the RFC
 * 9457 problem document, from a token rejection or a policy decision.
 */
final class Answers {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final String realm;
    private final Duration retryAfter;

    Answers(String realm, Duration retryAfter) {
        this.realm = realm;
        this.retryAfter = retryAfter;
    }

    AccessOutcome allowed(TokenPrincipal principal, Decision decision) {
        return new AccessOutcome(200, "ok", "Allowed", principal, decision, null, Map.of(),
                null);
    }

    /** A request RFC 6750 section 2.1 does not allow, or a token beyond the size cap. */
    AccessOutcome invalidRequest(Rejection rejection) {
        String challenge = challenge("invalid_request", rejection.description(), Set.of());
        return refusal(400, rejection.reason().code(), rejection.description(), null, null,
                rejection, challenge);
    }

    /** A token that was refused: 401 {@code invalid_token}, or 503 when keys are missing. */
    AccessOutcome rejected(Rejection rejection) {
        Reason reason = rejection.reason();
        if (reason == Reason.KEYS_UNAVAILABLE) {
            Map<String, String> headers = problemHeaders();
            headers.put("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
            return new AccessOutcome(503, reason.code(), rejection.description(), null, null,
                    rejection, headers, problem(503, reason.code(), rejection.description()));
        }
        if (reason.error().equals("invalid_request")) {
            return invalidRequest(rejection);
        }
        String challenge = challenge("invalid_token", rejection.description(), Set.of());
        return refusal(401, reason.code(), rejection.description(), null, null, rejection,
                challenge);
    }

    /** A request without a token where one is needed. */
    AccessOutcome unauthenticated() {
        return refusal(401, "missing_token", "A bearer token is required", null, null, null,
                challenge(null, null, Set.of()));
    }

    /**
     * A caller (or, for a path no rule allows, nobody) refused with 403; with a caller, the
     * challenge is RFC 6750 {@code insufficient_scope}, naming {@code scopes} when not empty.
     */
    AccessOutcome forbidden(TokenPrincipal principal, String code, Set<String> scopes,
            Decision decision) {
        String description = principal == null ? "No rule allows this request"
                : "The token does not grant access to this resource";
        String challenge = principal == null ? challenge(null, null, Set.of())
                : challenge("insufficient_scope", description, scopes);
        return refusal(403, code, description, principal, decision, null, challenge);
    }

    /** A request the policy denied (or a path it could not read). */
    AccessOutcome denied(Decision decision, TokenPrincipal principal) {
        DenyReason deny = decision.reason();
        String code = deny == DenyReason.AUTHENTICATION ? "missing_token"
                : deny.name().toLowerCase(Locale.ROOT);
        switch (decision.status()) {
            case 400:
                return refusal(400, code, "The request path is not accepted", principal,
                        decision, null, null);
            case 401:
                // RFC 6750 section 3.1: a request without credentials gets no error code.
                return refusal(401, code, "A bearer token is required", principal, decision,
                        null, challenge(null, null, Set.of()));
            default:
                return forbidden(principal, code, decision.requiredScopes(), decision);
        }
    }

    private AccessOutcome refusal(int status, String code, String description,
            TokenPrincipal principal, Decision decision, Rejection rejection, String challenge) {
        Map<String, String> headers = problemHeaders();
        if (challenge != null) {
            headers.put("WWW-Authenticate", challenge);
        }
        return new AccessOutcome(status, code, description, principal, decision, rejection,
                headers, problem(status, code, description));
    }

    private static Map<String, String> problemHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    /** Returns {@code Bearer realm="…", error="…", error_description="…", scope="…"}. */
    String challenge(String error, String description, Set<String> scopes) {
        StringBuilder value = new StringBuilder("Bearer");
        String separator = " ";
        if (realm != null) {
            value.append(separator).append("realm=\"").append(quoted(realm)).append('"');
            separator = ", ";
        }
        if (error != null) {
            value.append(separator).append("error=\"").append(error).append('"');
            separator = ", ";
        }
        if (description != null) {
            value.append(separator).append("error_description=\"").append(quoted(description))
                    .append('"');
            separator = ", ";
        }
        if (!scopes.isEmpty()) {
            value.append(separator).append("scope=\"").append(quoted(String.join(" ", scopes)))
                    .append('"');
        }
        return value.toString();
    }

    /**
     * Keeps only the characters RFC 6750 section 3 allows inside these quoted values
     * (%x20-21 / %x23-5B / %x5D-7E): no quote, no backslash, nothing outside printable ASCII.
     */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : ' ');
        }
        return out.toString();
    }

    /** Returns an RFC 9457 problem document with the reason as an extension member. */
    static String problem(int status, String reason, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":"
                + status + ",\"detail\":\"" + json(detail) + "\",\"reason\":\"" + json(reason)
                + "\"}";
    }

    private static String title(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 503:
                return "Service Unavailable";
            default:
                return "Error";
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
