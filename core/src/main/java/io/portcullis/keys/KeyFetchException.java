package io.portcullis.keys;

/** A fetch of a JWKS or discovery document failed, for the reason given. */
final class KeyFetchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final KeyFetchListener.Failure reason;

    KeyFetchException(KeyFetchListener.Failure reason, String message) {
        super(message);
        this.reason = reason;
    }

    KeyFetchException(KeyFetchListener.Failure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    KeyFetchListener.Failure reason() {
        return reason;
    }
}
