package io.portcullis.policy.check;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import java.util.ArrayList;
import java.util.List;

/** What a case expects of a decision; unset parts are not compared. */
final class Expectation {

    private final boolean allowed;
    private final Integer status;
    private final String rule;
    private final DenyReason reason;
    private final Boolean auditPass;

    Expectation(boolean allowed, Integer status, String rule, DenyReason reason,
            Boolean auditPass) {
        this.allowed = allowed;
        this.status = status;
        this.rule = rule;
        this.reason = reason;
        this.auditPass = auditPass;
    }

    /** Returns the differences between this expectation and {@code decision}, empty if none. */
    List<String> differences(Decision decision) {
        List<String> differences = new ArrayList<>();
        if (decision.allowed() != allowed) {
            differences.add("expected " + word(allowed) + ", got " + word(decision.allowed()));
        }
        if (status != null && decision.status() != status) {
            differences.add("expected status " + status + ", got " + decision.status());
        }
        if (rule != null && !decision.rule().map(rule::equals).orElse(false)) {
            differences.add("expected rule '" + rule + "', got "
                    + decision.rule().map(r -> "'" + r + "'").orElse("no rule"));
        }
        if (reason != null && decision.reason() != reason) {
            differences.add("expected reason " + reason + ", got " + decision.reason());
        }
        if (auditPass != null && decision.auditPass() != auditPass) {
            differences.add("expected audit pass " + auditPass + ", got " + decision.auditPass());
        }
        return differences;
    }

    private static String word(boolean allowed) {
        return allowed ? "allow" : "deny";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(word(allowed));
        if (status != null) {
            sb.append(' ').append(status);
        }
        if (rule != null) {
            sb.append(" by rule '").append(rule).append('\'');
        }
        if (reason != null) {
            sb.append(" (").append(reason).append(')');
        }
        return sb.toString();
    }
}
