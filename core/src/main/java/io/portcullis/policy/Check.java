package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.util.Set;

/** One compiled requirement of a rule, tested against a verified caller. */
interface Check {

    /** Returns the reason a request is denied when this check fails. */
    DenyReason reason();

    /** Returns if the caller passes; a condition records its errors in {@code evaluation}. */
    boolean test(TokenPrincipal principal, Evaluation evaluation);

    /** Describes what the check asks for, such as "any of roles [admin, support]". */
    String describe();

    /** Describes what the caller has that this check looked at, for full explanations. */
    String describeActual(TokenPrincipal principal);

    /** Returns the scopes this check asks for, for an RFC 6750 {@code scope} attribute. */
    default Set<String> scopes() {
        return Set.of();
    }
}
