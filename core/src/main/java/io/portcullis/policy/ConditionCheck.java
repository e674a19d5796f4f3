package io.portcullis.policy;

import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionEvaluationException;
import io.portcullis.token.TokenPrincipal;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a rule's compiled condition. A condition that cannot be evaluated denies the request
 * (fail closed) and is logged: at {@code warn} the first time for each rule, because it usually
 * means the policy reads a claim the issuer does not send, then at {@code debug}, so that
 * tokens crafted to trip it cannot flood the log.
 */
final class ConditionCheck implements Check {

    private static final Logger LOG = LoggerFactory.getLogger(ConditionCheck.class);

    private final Condition condition;
    private final String where;
    private final String location;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Creates the check.
     *
     * @param where names the rule (and alternative) for logs, such as "rule 'orders'"
     * @param location the file and line of the expression
     */
    ConditionCheck(Condition condition, String where, String location) {
        this.condition = condition;
        this.where = where;
        this.location = location;
    }

    @Override
    public DenyReason reason() {
        return DenyReason.CONDITION;
    }

    @Override
    public boolean test(TokenPrincipal principal, Evaluation evaluation) {
        String error;
        try {
            return condition.evaluate(evaluation.conditionContext(principal));
        } catch (ConditionEvaluationException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            // A faulty condition language must not turn a decision into a 500.
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        evaluation.conditionFailed(this, error);
        if (warned.compareAndSet(false, true)) {
            LOG.warn("The condition of {} ({}) could not be evaluated, request denied: {}"
                    + " (further failures of this condition are logged at debug)",
                    where, location, error);
        } else {
            LOG.debug("The condition of {} ({}) could not be evaluated, request denied: {}",
                    where, location, error);
        }
        return false;
    }

    @Override
    public String describe() {
        return "condition " + condition.expression().strip();
    }

    @Override
    public String describeActual(TokenPrincipal principal) {
        return "evaluated with the request's token, path variables and time";
    }
}
