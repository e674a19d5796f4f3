package io.portcullis.policy.spi;

import io.portcullis.policy.RequestView;
import io.portcullis.token.TokenPrincipal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a condition may look at: the verified caller, the request, the normalised path with its
 * path variables, and the time of the decision (from the policy's {@link java.time.Clock}).
 */
public final class ConditionContext {

    private final TokenPrincipal principal;
    private final RequestView request;
    private final String path;
    private final Map<String, String> pathVariables;
    private final Instant now;

    private ConditionContext(TokenPrincipal principal, RequestView request, String path,
            Map<String, String> pathVariables, Instant now) {
        this.principal = principal;
        this.request = request;
        this.path = path;
        this.pathVariables = pathVariables;
        this.now = now;
    }

    /**
     * Creates a context; the engine does this for every evaluation, and tests of a condition
     * language may do it directly.
     *
     * @param path the normalised path (see {@link io.portcullis.policy.PathNormalizer})
     */
    public static ConditionContext of(TokenPrincipal principal, RequestView request, String path,
            Map<String, String> pathVariables, Instant now) {
        return new ConditionContext(
                Objects.requireNonNull(principal, "principal"),
                Objects.requireNonNull(request, "request"),
                Objects.requireNonNull(path, "path"),
                Map.copyOf(Objects.requireNonNull(pathVariables, "pathVariables")),
                Objects.requireNonNull(now, "now"));
    }

    /** Returns the verified caller; conditions only run for rules that need one. */
    public TokenPrincipal principal() {
        return principal;
    }

    /** Returns the request. */
    public RequestView request() {
        return request;
    }

    /** Returns the normalised path the rule matched. */
    public String path() {
        return path;
    }

    /** Returns the path variables the rule's pattern captured, by name. */
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    /** Returns the time of the decision. */
    public Instant now() {
        return now;
    }
}
