package io.portcullis.spring;

/**
 * Hears what the starter answered for each request it guarded, for metrics and audit logs.
 * Beans of this type are picked up by the auto-configuration. Methods run on the request's
 * thread, so they must be quick; one that throws is logged and ignored.
 */
public interface DecisionListener {

    /** Where a request was decided. */
    enum Stage {
        /** The servlet filter, by the policy file (and the token). */
        FILTER,
        /** The handler interceptor, by the endpoint's annotations. */
        HANDLER
    }

    /**
     * A request was decided.
     *
     * @param stage where it was decided
     * @param status 200 when it may go on, otherwise the status answered (400, 401, 403, 503)
     * @param reason the stable reason code of the answer, {@code ok} when allowed (see
     *     {@link io.portcullis.AccessOutcome#reason()})
     */
    void decided(Stage stage, int status, String reason);
}
