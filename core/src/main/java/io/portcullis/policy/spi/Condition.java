package io.portcullis.policy.spi;

/** A compiled condition: evaluating it must not parse, compile or block. */
public interface Condition {

    /**
     * Returns if the condition holds for this request.
     *
     * @throws ConditionEvaluationException when it cannot be decided, for example because a claim
     *     it reads is missing or has another type; the engine then denies the request
     */
    boolean evaluate(ConditionContext context) throws ConditionEvaluationException;

    /** Returns the expression as written in the policy. */
    String expression();
}
