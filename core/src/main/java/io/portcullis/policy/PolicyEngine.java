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

    /**
     * Decides {@code request} with the rule named {@code ruleName}, whatever its match section
     * says, for an endpoint that names the rule it needs (an annotation, a route requirement).
     * Path variables come from the first of the rule's path patterns that matches the path; a
     * condition that uses a variable the path does not give fails, and denies.
     *
     * @throws IllegalArgumentException if the policy has no rule of that name; check names at
     *     start-up with {@link #hasRule(String)}
     */
    Decision decideRule(String ruleName, TokenPrincipal principal, RequestView request);

    /** Returns if the policy has a rule named {@code ruleName}. */
    boolean hasRule(String ruleName);
}
