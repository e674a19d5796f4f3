package io.portcullis.policy.spi;

/**
 * A condition that could not be decided for one request, such as one that reads a claim the
 * token does not carry. The engine denies the request with
 * {@link io.portcullis.policy.DenyReason#CONDITION_ERROR}; it never passes this on.
 */
public final class ConditionEvaluationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message must not contain the token or a secret. */
    public ConditionEvaluationException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public ConditionEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
