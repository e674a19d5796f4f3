package io.portcullis.policy.check;

import io.portcullis.policy.Decision;
import io.portcullis.policy.Policy;
import io.portcullis.policy.RequestView;
import io.portcullis.token.TokenPrincipal;
import java.util.List;

/** One case of a policy-cases file: a caller and a request with the decision expected. */
public final class PolicyCase {

    private final String name;
    private final String sourceName;
    private final int line;
    private final Policy policy;
    private final TokenPrincipal principal;
    private final RequestView request;
    private final Expectation expectation;

    PolicyCase(String name, String sourceName, int line, Policy policy, TokenPrincipal principal,
            RequestView request, Expectation expectation) {
        this.name = name;
        this.sourceName = sourceName;
        this.line = line;
        this.policy = policy;
        this.principal = principal;
        this.request = request;
        this.expectation = expectation;
    }

    /** Returns the case's name, for test reports. */
    public String name() {
        return name;
    }

    /** Returns the line of the case in its file. */
    public int line() {
        return line;
    }

    /** Returns the decision the policy makes for this case. */
    public Decision decide() {
        return policy.decide(principal, request);
    }

    /**
     * Checks the case.
     *
     * @throws AssertionError naming the case, what differs, and the decision's full explanation
     */
    public void check() {
        String failure = failure();
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    /** Returns the failure message, or null when the decision is as expected. */
    String failure() {
        Decision decision = decide();
        List<String> differences = expectation.differences(decision);
        if (differences.isEmpty()) {
            return null;
        }
        return "policy case '" + name + "' (" + sourceName + ":" + line + "): "
                + String.join("; ", differences) + "\n" + decision.explainFully();
    }

    @Override
    public String toString() {
        return name + " (expects " + expectation + ")";
    }
}
