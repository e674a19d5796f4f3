package io.portcullis.policy;

/** What happens to a request that no rule matches ({@code defaults: {unmatched: ...}}). */
public enum UnmatchedRequests {
    /**
     * Denied with status 403 and {@link DenyReason#UNMATCHED}, whether or not there is a caller,
     * since a token would not change the answer. The default: the policy fails closed.
     */
    DENY,
    /** Allowed for any verified caller; without one, status 401. */
    AUTHENTICATED
}
