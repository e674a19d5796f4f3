package io.portcullis.examples;

import io.portcullis.Portcullis;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.PolicySource;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** The rule file every example service shares, and how a service loads it. */
public final class OrdersPolicy {

    /** Where the rule file is: on the class path of this module. */
    public static final String LOCATION = "classpath:orders-policy.yaml";

    /** The variable of the rule file that names the trusted issuer. */
    public static final String ISSUER_VARIABLE = "ORDERS_ISSUER";

    /** The audience every token must name. */
    public static final String AUDIENCE = "orders-service";

    private OrdersPolicy() {
    }

    /**
     * Loads the rule file with {@code ${ORDERS_ISSUER}} set to {@code issuer}. The value comes
     * from a map rather than the process environment, so that services of several environments
     * can run in one process.
     */
    public static Portcullis load(String issuer, Clock clock) throws PolicyLoadException {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clock, "clock");
        PolicyLoader loader = PolicyLoader.builder()
                .clock(clock)
                .environment(Map.of(ISSUER_VARIABLE, issuer))
                .build();
        return Portcullis.fromPolicy(PolicySource.of(LOCATION), loader, clock, builder -> { });
    }
}
