package io.portcullis.spring;

import io.portcullis.Portcullis;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.ReloadingPolicy;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;

/**
 * Reads and keeps the {@link HandlerRequirement} of every controller method, once: at start-up
 * for the methods Spring MVC maps, so that a contradictory annotation or an unknown rule name
 * stops the application before it serves anything. The requirements are checked by the
 * application's own {@link Portcullis}, so refusals carry its realm, {@code Retry-After} and
 * token limit.
 */
final class HandlerRequirements {

    private final Portcullis portcullis;
    private final Map<Key, HandlerRequirement> requirements = new ConcurrentHashMap<>();

    HandlerRequirements(Portcullis portcullis) {
        this.portcullis = portcullis;
    }

    /** Returns the Portcullis the application guards requests with. */
    Portcullis portcullis() {
        return portcullis;
    }

    /**
     * Returns the requirement of {@code method}, read on first use.
     *
     * @throws PortcullisConfigurationException for contradictory annotations or a rule name
     *     the policy does not have
     */
    HandlerRequirement of(HandlerMethod method) {
        Key key = new Key(method.getBeanType(), method.getMethod());
        HandlerRequirement known = requirements.get(key);
        return known != null ? known : requirements.computeIfAbsent(key, k -> read(method));
    }

    private HandlerRequirement read(HandlerMethod method) {
        HandlerRequirement requirement = HandlerRequirement.of(method);
        if (requirement.rule != null && !portcullis.policy().hasRule(requirement.rule)) {
            Optional<Policy> file = current(portcullis.policy());
            throw new PortcullisConfigurationException(requirement.method,
                    "@RequirePolicy names the rule '" + requirement.rule + "', which "
                            + file.map(p -> p.sourceName() + " does not have (its rules: "
                                    + p.ruleNames() + ")").orElse("the policy does not have"),
                    "Name a rule of the policy file, or add the rule to it.");
        }
        return requirement;
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
