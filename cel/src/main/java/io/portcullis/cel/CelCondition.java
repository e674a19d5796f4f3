package io.portcullis.cel;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.policy.spi.ConditionEvaluationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compiled CEL condition: one immutable, thread-safe program. */
final class CelCondition implements Condition {

    private static final Pattern CEL_PREFIX =
            Pattern.compile("evaluation error at <input>:(\\d+): (.*)", Pattern.DOTALL);

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

    /**
     * Says what went wrong in the words of the policy file: CEL's message without its
     * {@code <input>} prefix, a missing map key named as one, and where the condition is.
     */
    private String describe(CelEvaluationException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String offset = "";
        Matcher m = CEL_PREFIX.matcher(message);
        if (m.matches()) {
            offset = ", offset " + m.group(1);
            message = m.group(2);
        }
        if (e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND
                && !message.contains("not present")) {
            message = "key '" + message + "' is not present in map.";
        }
        return message + " (condition at " + location + offset + ")";
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
