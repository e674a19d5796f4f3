package io.portcullis.spring.health;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Teaches the health endpoint the {@code DEGRADED} status of issuers whose keys serve while
 * refreshes fail: ranked between {@code OUT_OF_SERVICE} and {@code UP} (so one degraded issuer
 * makes the whole health {@code DEGRADED}); Spring Boot leaves a status out of its aggregate
 * unless it is in {@code management.endpoint.health.status.order}. Spring Boot answers a status
 * it has no HTTP mapping for with 200.
 *
 * <p>These are defaults of the lowest precedence: an application that sets its own order keeps
 * it, and should list {@code DEGRADED} in it.
 */
public final class HealthStatusDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "portcullisHealthDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment,
            SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        // No http-mapping entry: one would replace Spring Boot's whole default mapping (DOWN
        // to 503 included), and a status without a mapping is answered with 200 already.
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.status.order",
                "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN")));
    }
}
