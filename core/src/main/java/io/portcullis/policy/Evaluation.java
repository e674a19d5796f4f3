package io.portcullis.policy;

import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.token.TokenPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one decision over a rule's requirements: what conditions need to see, the time
 * (read from the clock only if a condition asks), and what failed.
 */
final class Evaluation {

    private final RequestView request;
    private final String path;
    private final Map<String, String> pathVariables;
    private final Clock clock;
    private Instant now;
    private Check erroredCondition;
    private String conditionError;
    private Set<String> neededScopes;

    Evaluation(RequestView request, String path, Map<String, String> pathVariables, Clock clock) {
        this.request = request;
        this.path = path;
        this.pathVariables = pathVariables;
        this.clock = clock;
    }

    ConditionContext conditionContext(TokenPrincipal principal) {
        if (now == null) {
            now = clock.instant();
        }
        return ConditionContext.of(principal, request, path, pathVariables, now);
    }

    void conditionFailed(Check condition, String error) {
        erroredCondition = condition;
        conditionError = error;
    }

    /** Notes a failed check; the scopes of failed scope checks make the challenge's scope. */
    void failed(Check check) {
        if (check.reason() == DenyReason.SCOPES) {
            if (neededScopes == null) {
                neededScopes = new TreeSet<>();
            }
            neededScopes.addAll(check.scopes());
        }
    }

    /** Returns the reason for a failed check: a condition that errored is CONDITION_ERROR. */
    DenyReason reasonFor(Check failed) {
        return failed == erroredCondition ? DenyReason.CONDITION_ERROR : failed.reason();
    }

    String conditionError(Check failed) {
        return failed == erroredCondition ? conditionError : null;
    }

    Set<String> neededScopes() {
        return neededScopes == null ? Set.of() : Set.copyOf(neededScopes);
    }

    /** Returns the time a condition saw, or null when no condition ran. */
    Instant now() {
        return now;
    }
}
