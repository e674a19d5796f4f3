package io.portcullis.policy;

import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionCompileException;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.policy.spi.ConditionEvaluationException;
import io.portcullis.policy.spi.ConditionLanguage;
import java.util.Map;

/**
 * A condition language for core's own tests, whose class path deliberately has no CEL: each
 * expression it knows is backed by a Java predicate. The real language is tested in the cel
 * module.
 */
final class FixtureLanguage implements ConditionLanguage {

    /** A predicate that may fail to decide. */
    interface Predicate {
        boolean test(ConditionContext context) throws ConditionEvaluationException;
    }

    private final Map<String, Predicate> known;

    FixtureLanguage(Map<String, Predicate> known) {
        this.known = Map.copyOf(known);
    }

    @Override
    public String name() {
        return "cel";
    }

    @Override
    public Condition compile(String expression, String sourceName, int line)
            throws ConditionCompileException {
        Predicate predicate = known.get(expression.strip());
        if (predicate == null) {
            int bad = expression.indexOf('!');
            throw new ConditionCompileException("unknown fixture expression", 1,
                    bad < 0 ? 1 : bad + 1);
        }
        return new Condition() {
            @Override
            public boolean evaluate(ConditionContext context) throws ConditionEvaluationException {
                return predicate.test(context);
            }

            @Override
            public String expression() {
                return expression;
            }
        };
    }
}
