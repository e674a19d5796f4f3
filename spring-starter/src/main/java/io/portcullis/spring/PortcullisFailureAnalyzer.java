package io.portcullis.spring;

import io.portcullis.policy.PolicyLoadException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains why Portcullis stopped the application from starting: a policy file that does not
 * load (with its name and line) or a configuration that cannot work. An issuer that cannot be
 * reached is never a reason: keys are fetched in the background and retried.
 */
public final class PortcullisFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        PolicyLoadException policy = find(failure, PolicyLoadException.class);
        if (policy != null) {
            return analyze(policy);
        }
        PortcullisConfigurationException configuration = find(failure,
                PortcullisConfigurationException.class);
        if (configuration != null) {
            return new FailureAnalysis("Portcullis cannot guard this application: "
                    + configuration.getMessage(), configuration.action(), configuration);
        }
        return null;
    }

    private static FailureAnalysis analyze(PolicyLoadException e) {
        String at = e.line() <= 0 ? "" : " at line " + e.line()
                + (e.column() <= 0 ? "" : ", column " + e.column());
        String description = "The policy file " + e.sourceName() + " cannot be used" + at + ": "
                + e.problem();
        String action = "Fix " + e.sourceName() + (at.isEmpty() ? "" : at) + ". Portcullis "
                + "does not start without a complete policy, so that a broken rule never opens "
                + "or closes the service by accident.";
        return new FailureAnalysis(description, action, e);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
