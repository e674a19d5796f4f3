package io.portcullis.token;

/**
 * Carries a {@link Rejection} out of the depths of validation to the one place that turns it into
 * a result. It has no stack trace: it is an answer, not a bug.
 */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    Refusal(Reason reason, String description) {
        this(Rejection.of(reason, description));
    }

    Refusal(Rejection rejection) {
        super(rejection.description(), null, /* enableSuppression= */ false,
                /* writableStackTrace= */ false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
