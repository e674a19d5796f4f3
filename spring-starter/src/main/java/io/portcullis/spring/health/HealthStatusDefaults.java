package io.portcullis.spring.health;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Teaches the health endpoint the {@code DEGRADED} status of issuers whose keys serve while
 * refreshes fail: ranked between {@code OUT_OF_SERVICE} and {@code UP} (so one degraded issuer
 * makes the whole health {@code DEGRADED}), answered with HTTP 200. Spring Boot leaves a status
 * out of its aggregate unless it is in {@code management.endpoint.health.status.order}.
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
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.status.order",
                "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
                "management.endpoint.health.status.http-mapping.degraded", "200")));
    }
}
