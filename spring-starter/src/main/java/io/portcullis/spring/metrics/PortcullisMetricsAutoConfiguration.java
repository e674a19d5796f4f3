package io.portcullis.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.Portcullis;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of decisions, token validations and key fetches, when the application
 * has a {@link MeterRegistry}. The listeners reach a validator the starter builds; one the
 * application builds itself can be given these beans as its listeners.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure."
                + "CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                + "SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "portcullis", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public final class PortcullisMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ValidationMetrics portcullisValidationMetrics(MeterRegistry registry,
            ObjectProvider<Portcullis> portcullis) {
        return new ValidationMetrics(registry, new TrustedIssuers(portcullis));
    }

    @Bean
    @ConditionalOnMissingBean
    public KeyFetchMetrics portcullisKeyFetchMetrics(MeterRegistry registry) {
        return new KeyFetchMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    public DecisionMetrics portcullisDecisionMetrics(MeterRegistry registry) {
        return new DecisionMetrics(registry);
    }
}
