package io.portcullis.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.policy.spi.ConditionEvaluationException;

/** A compiled CEL condition: one immutable, thread-safe program. */
final class CelCondition implements Condition {

    private final CelRuntime.Program program;
    private final String expression;
    private final String location;

    CelCondition(CelRuntime.Program program, String expression, String location) {
        this.program = program;
        this.expression = expression;
        this.location = location;
    }

    @Override
    public boolean evaluate(ConditionContext context) throws ConditionEvaluationException {
        Object result;
        try {
            result = program.eval(CelBindings.of(context));
        } catch (CelEvaluationException e) {
            throw new ConditionEvaluationException(describe(e), e);
        }
        if (result instanceof Boolean) {
            return (Boolean) result;
        }
        // The checker allows a dyn result (a bare claim such as token.admin); at run time it
        // must still be a boolean, and anything else is an error, never "true".
        throw new ConditionEvaluationException("the condition at " + location + " gave "
                + (result == null ? "null" : result.getClass().getSimpleName())
                + ", not a boolean");
    }

    /** Places CEL's message at the condition in the policy file, instead of {@code <input>}. */
    private String describe(CelEvaluationException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace("evaluation error at <input>:", "evaluation error at offset ")
                + " (condition at " + location + ")";
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return "CelCondition[" + location + "]";
    }
}
