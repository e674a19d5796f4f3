package io.portcullis.token;

/**
 * Hears about every validation, for metrics and audit logs. Methods run on the validating thread,
 * so they must be quick and must not throw; a listener that throws is logged and ignored.
 */
public interface ValidationListener {

    /** A listener that does nothing. */
    ValidationListener NONE = new ValidationListener() { };

    /**
     * A token was accepted.
     *
     * @param cacheHit if the verified-token cache answered, without a signature check
     * @param nanos how long the validation took
     */
    default void accepted(TokenPrincipal principal, boolean cacheHit, long nanos) {
    }

    /** A token was refused. */
    default void rejected(Rejection rejection, long nanos) {
    }
}
