package io.portcullis.token;

import java.util.Objects;
import java.util.Optional;

/**
 * A refused token: the {@link Reason} and a short description that is safe to send to the client
 * (it never contains the token, a key or a secret). The issuer and key id are kept for logs when
 * they were read before the token was refused; they come from the token itself and are therefore
 * claims of the caller, not facts.
 */
public final class Rejection {

    private final Reason reason;
    private final String description;
    private final String issuer;
    private final String keyId;

    private Rejection(Reason reason, String description, String issuer, String keyId) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.description = Objects.requireNonNull(description, "description");
        this.issuer = issuer;
        this.keyId = keyId;
    }

    /** Returns a rejection with no issuer or key id known. */
    public static Rejection of(Reason reason, String description) {
        return new Rejection(reason, description, null, null);
    }

    /** Returns a rejection naming the issuer and key id the token claimed. */
    public static Rejection of(Reason reason, String description, String issuer, String keyId) {
        return new Rejection(reason, description, issuer, keyId);
    }

    public Reason reason() {
        return reason;
    }

    /** Returns a short text for the client, such as {@code "The token has expired"}. */
    public String description() {
        return description;
    }

    /** Returns the issuer the token named, when it was read. */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** Returns the key id the token named, when it was read. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    @Override
    public String toString() {
        return "Rejection[" + reason.code() + ": " + description
                + (issuer == null ? "" : ", iss=" + issuer)
                + (keyId == null ? "" : ", kid=" + keyId) + "]";
    }
}
