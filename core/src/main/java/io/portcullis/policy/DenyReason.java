package io.portcullis.policy;

/** Why a {@link Decision} denies a request (or, in audit mode, would have denied it). */
public enum DenyReason {
    /** Nothing failed: the request is allowed. */
    NONE,
    /** The rule needs a verified caller and there is none (status 401). */
    AUTHENTICATION,
    /** The caller lacks the realm-wide roles the rule asks for. */
    ROLES,
    /** The caller lacks the client roles the rule asks for. */
    CLIENT_ROLES,
    /** The token lacks the scopes the rule asks for (RFC 6750 {@code insufficient_scope}). */
    SCOPES,
    /** A claim is missing, has another type or another value than the rule asks for. */
    CLAIMS,
    /** The rule's condition evaluated to false. */
    CONDITION,
    /** The rule's condition could not be evaluated (a missing claim, a value of another type). */
    CONDITION_ERROR,
    /** No rule matches the method and path, and unmatched requests are denied. */
    UNMATCHED,
    /** The path cannot be normalised safely (see {@link PathNormalizer}); status 400. */
    BAD_PATH
}
