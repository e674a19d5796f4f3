package io.portcullis.benchmarks;

/** Thrown by a {@link Contender} whose library answers a refusal with a value, not a throw. */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    Refused(String message) {
        super(message, null, /* enableSuppression= */ false, /* writableStackTrace= */ false);
    }
}
