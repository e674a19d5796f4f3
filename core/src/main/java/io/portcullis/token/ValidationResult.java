package io.portcullis.token;

import java.util.Objects;

/**
 * The outcome of validating one token: either {@link Valid} with the verified principal, or
 * {@link Rejected} with the reason. Validation never throws for anything a client can send.
 */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Rejected {

    /** Returns if the token was accepted. */
    boolean isValid();

    /** Returns the principal; throws {@link IllegalStateException} for a rejection. */
    TokenPrincipal principal();

    /** Returns the rejection; throws {@link IllegalStateException} for a valid token. */
    Rejection rejection();

    /** An accepted token. */
    record Valid(TokenPrincipal principal) implements ValidationResult {
        public Valid {
            Objects.requireNonNull(principal, "principal");
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public Rejection rejection() {
            throw new IllegalStateException("The token was accepted");
        }
    }

    /** A refused token. */
    record Rejected(Rejection rejection) implements ValidationResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public TokenPrincipal principal() {
            throw new IllegalStateException("The token was rejected: " + rejection);
        }
    }
}
