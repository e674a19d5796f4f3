package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.util.List;

/**
 * The compiled {@code require} block of a rule: every check must pass, and then, if the block
 * has {@code anyOf} alternatives, at least one of them. Checks run cheapest first (scopes, roles,
 * client roles, claims) and the condition last, so that a condition only runs for callers that
 * already passed everything else.
 */
final class RequirementSet {

    private final Check[] checks;
    private final RequirementSet[] alternatives;

    RequirementSet(List<Check> checks, List<RequirementSet> alternatives) {
        this.checks = checks.toArray(new Check[0]);
        this.alternatives = alternatives.toArray(new RequirementSet[0]);
    }

    /**
     * Returns null when the caller passes, else the check that failed (when every alternative
     * fails, the failure of the first alternative).
     */
    Check firstFailure(TokenPrincipal principal, Evaluation evaluation) {
        for (Check check : checks) {
            if (!check.test(principal, evaluation)) {
                evaluation.failed(check);
                return check;
            }
        }
        if (alternatives.length == 0) {
            return null;
        }
        Check first = null;
        for (RequirementSet alternative : alternatives) {
            Check failure = alternative.firstFailure(principal, evaluation);
            if (failure == null) {
                return null;
            }
            if (first == null) {
                first = failure;
            }
        }
        return first;
    }

    List<Check> checks() {
        return List.of(checks);
    }

    List<RequirementSet> alternatives() {
        return List.of(alternatives);
    }
}
