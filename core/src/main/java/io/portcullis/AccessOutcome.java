package io.portcullis;

import io.portcullis.policy.Decision;
import io.portcullis.token.Rejection;
import io.portcullis.token.TokenPrincipal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one request: let it through (with the verified caller, if any), or answer it
 * with a status, headers and a small JSON problem document (RFC 9457). Every adapter writes
 * exactly this, so every framework answers the same request the same way.
 *
 * <p>Statuses: 200 allowed; 400 for a request RFC 6750 does not allow or a path that cannot be
 * normalised safely; 401 without a valid token; 403 with a valid token that is not enough; 503
 * when the issuer's keys cannot be had, with {@code Retry-After}.
 */
public final class AccessOutcome {

    private final int status;
    private final String reason;
    private final String description;
    private final TokenPrincipal principal;
    private final Decision decision;
    private final Rejection rejection;
    private final Map<String, String> headers;
    private final String body;

    AccessOutcome(int status, String reason, String description, TokenPrincipal principal,
            Decision decision, Rejection rejection, Map<String, String> headers, String body) {
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.description = Objects.requireNonNull(description, "description");
        this.principal = principal;
        this.decision = decision;
        this.rejection = rejection;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    /** Returns if the request may go on to the application. */
    public boolean allowed() {
        return status == 200;
    }

    /** Returns the HTTP status to answer with; 200 when allowed. */
    public int status() {
        return status;
    }

    /**
     * Returns the stable reason code: {@code ok}, a token {@link io.portcullis.token.Reason}
     * code such as {@code expired}, or a policy one such as {@code scopes}, {@code roles},
     * {@code unmatched}, {@code missing_token}.
     */
    public String reason() {
        return reason;
    }

    /** Returns a short description that is safe to send to the client. */
    public String description() {
        return description;
    }

    /** Returns the verified caller; empty without a valid token (or on a public route). */
    public Optional<TokenPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /** Returns the policy decision, when the policy was asked. */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    /** Returns why the token was refused, when it was. */
    public Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    /**
     * Returns the headers to set on a refusal: {@code WWW-Authenticate} (RFC 6750 section 3),
     * {@code Retry-After} on 503, {@code Content-Type} and {@code Cache-Control}; empty when
     * allowed.
     */
    public Map<String, String> headers() {
        return headers;
    }

    /** Returns the JSON problem document (RFC 9457) to send on a refusal; empty when allowed. */
    public Optional<String> body() {
        return Optional.ofNullable(body);
    }

    /** Returns one line for logs: status, reason, rule and caller, never the token. */
    public String explain() {
        StringBuilder line = new StringBuilder().append(status).append(' ').append(reason);
        if (decision != null) {
            line.append(" (").append(decision.explain()).append(')');
        } else if (rejection != null) {
            line.append(" (").append(rejection).append(')');
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return "AccessOutcome[" + explain() + "]";
    }
}
