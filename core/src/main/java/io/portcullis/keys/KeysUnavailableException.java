package io.portcullis.keys;

/**
 * No usable keys could be had from an issuer: never fetched successfully, or the last keys are
 * older than the allowed stale window. This is the issuer's fault, not the client's.
 */
public final class KeysUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeysUnavailableException(String message) {
        super(message);
    }

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
