package io.portcullis.spring;

import io.portcullis.Portcullis;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.ReloadingPolicy;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;

/**
 * Makes and keeps the {@link HandlerGate} of every controller method, once: at start-up for the
 * methods Spring MVC maps, so that a contradictory annotation or an unknown rule name stops the
 * application before it serves anything.
 *
 * <p>Limitation: a gate answers with the realm, {@code Retry-After} and token limit of the
 * {@code portcullis.*} properties, since a {@link Portcullis} does not expose its own; an
 * application that builds its own {@code Portcullis} with other values should set the same
 * values in the properties.
 */
final class HandlerGates {

    private final Portcullis portcullis;
    private final PortcullisProperties properties;
    private final RequirementPolicies policies;
    private final Portcullis outsideRule;
    private final Map<Key, HandlerGate> gates = new ConcurrentHashMap<>();

    HandlerGates(Portcullis portcullis, PortcullisProperties properties, Clock clock) {
        this.portcullis = portcullis;
        this.properties = properties;
        this.policies = new RequirementPolicies(clock);
        this.outsideRule = gate(policies.denyAll());
    }

    /** Returns the Portcullis the application guards requests with. */
    Portcullis portcullis() {
        return portcullis;
    }

    /** Returns a gate that refuses every request, for requests outside a required rule. */
    Portcullis outsideRule() {
        return outsideRule;
    }

    /**
     * Returns the gate of {@code method}, made on first use.
     *
     * @throws PortcullisConfigurationException for contradictory annotations or a rule name
     *     the policy does not have
     */
    HandlerGate gateFor(HandlerMethod method) {
        Key key = new Key(method.getBeanType(), method.getMethod());
        HandlerGate known = gates.get(key);
        return known != null ? known : gates.computeIfAbsent(key, k -> make(method));
    }

    private HandlerGate make(HandlerMethod method) {
        HandlerRequirement requirement = HandlerRequirement.of(method);
        if (requirement.rule != null) {
            checkRuleExists(requirement);
        }
        Policy policy = policies.policyFor(requirement);
        return new HandlerGate(requirement, policy, policy == null ? null : gate(policy));
    }

    private Portcullis gate(Policy policy) {
        return Portcullis.builder()
                .validator(portcullis.validator())
                .policy(policy)
                .realm(PortcullisAutoConfiguration.realm(properties))
                .retryAfter(properties.getRetryAfter())
                .maxTokenLength(properties.getMaxTokenLength())
                .build();
    }

    private void checkRuleExists(HandlerRequirement requirement) {
        Optional<Policy> current = current(portcullis.policy());
        if (current.isEmpty()) {
            return; // an engine of the application's own: names can only be checked per request
        }
        List<String> names = current.get().ruleNames();
        if (!names.contains(requirement.rule)) {
            throw new PortcullisConfigurationException(requirement.method,
                    "@RequirePolicy names the rule '" + requirement.rule + "', which "
                            + current.get().sourceName() + " does not have (its rules: "
                            + names + ")",
                    "Name a rule of the policy file, or add the rule to it.");
        }
    }

    /** Returns the policy in force behind {@code engine}, when it is one core loaded. */
    static Optional<Policy> current(PolicyEngine engine) {
        if (engine instanceof ReloadingPolicy) {
            return Optional.of(((ReloadingPolicy) engine).current());
        }
        return engine instanceof Policy ? Optional.of((Policy) engine) : Optional.empty();
    }

    /** A controller method of one bean type: the class annotations can differ per subclass. */
    private record Key(Class<?> type, Method method) {
    }
}
