package io.portcullis.spring;

import io.portcullis.Portcullis;
import io.portcullis.policy.Policy;

/**
 * What the interceptor checks for one controller method: its requirement, the one-rule policy
 * that decides it, and a {@link Portcullis} deciding with that policy and the application's
 * token validator, which answers refusals exactly as the filter does.
 */
final class HandlerGate {

    final HandlerRequirement requirement;
    /** Decides the annotations' roles and scopes; null when only a named rule is required. */
    final Policy policy;
    /** Decides with {@link #policy}; null with it. */
    final Portcullis gate;

    HandlerGate(HandlerRequirement requirement, Policy policy, Portcullis gate) {
        this.requirement = requirement;
        this.policy = policy;
        this.gate = gate;
    }

    /** Returns if the method asks nothing beyond the policy file. */
    boolean isEmpty() {
        return requirement.isEmpty();
    }
}
