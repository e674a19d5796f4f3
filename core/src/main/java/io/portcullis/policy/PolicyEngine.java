package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;

/**
 * Decides whether a request may proceed. Implemented by a loaded {@link Policy} and by a
 * {@link ReloadingPolicy} that swaps in new versions of the file; adapters depend on this type.
 *
 * <p>Implementations are thread-safe and never throw for a request: a path that cannot be
 * normalised, a condition that fails, or a claim of an unexpected type all become a deny
 * decision with their own {@link DenyReason}.
 */
public interface PolicyEngine {

    /**
     * Decides {@code request} for {@code principal}: the first rule whose methods and path
     * pattern match decides; when none matches, the policy's {@link UnmatchedRequests} setting
     * does (deny, by default).
     *
     * @param principal the verified caller, or null when the request carried no valid token
     * @param request the request as the adapter saw it
     */
    Decision decide(TokenPrincipal principal, RequestView request);
}
