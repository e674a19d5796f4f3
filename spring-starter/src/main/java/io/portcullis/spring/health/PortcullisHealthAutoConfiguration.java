package io.portcullis.spring.health;

import io.portcullis.Portcullis;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenValidator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator per trusted issuer, under {@code portcullis}
 * ({@code /actuator/health/portcullis/<issuer>}), when Spring Boot's health support is present.
 * Turn it off with {@code management.health.portcullis.enabled=false}.
 */
@AutoConfiguration(afterName = "io.portcullis.spring.PortcullisAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(Portcullis.class)
@ConditionalOnEnabledHealthIndicator("portcullis")
@ConditionalOnProperty(prefix = "portcullis", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public final class PortcullisHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "portcullisHealthContributor")
    public CompositeHealthContributor portcullisHealthContributor(Portcullis portcullis,
            ObjectProvider<Clock> clock) {
        TokenValidator validator = portcullis.validator();
        Clock time = clock.getIfUnique(Clock::systemUTC);
        Map<String, IssuerHealthIndicator> indicators = new LinkedHashMap<>();
        for (IssuerConfig issuer : validator.issuers()) {
            indicators.put(name(issuer.issuer()),
                    new IssuerHealthIndicator(validator, issuer.issuer(), time));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    /**
     * Returns the issuer as a path segment: {@code https://sso.example.com/realms/prod} is
     * {@code sso.example.com-realms-prod}.
     */
    static String name(String issuer) {
        String name = issuer.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "")
                .replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "issuer" : name;
    }
}
