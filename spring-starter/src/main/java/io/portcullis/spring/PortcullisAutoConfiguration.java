package io.portcullis.spring;

import io.portcullis.Portcullis;
import io.portcullis.keys.KeyFetchListener;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.PolicySource;
import io.portcullis.policy.ReloadingPolicy;
import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenValidator;
import io.portcullis.token.ValidationListener;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Guards a Spring Boot service with Portcullis: the policy file (or a built-in policy that
 * needs a valid token everywhere), a token validator trusting the configured issuers, and the
 * {@link Portcullis} that decides every request, put in front of the application by the servlet
 * adapter's filter.
 *
 * <p>Each bean backs off when the application defines its own: a {@link PolicyEngine}, a
 * {@link TokenValidator}, or a whole {@link Portcullis} (then neither of the other two is made).
 * With {@code portcullis.enabled=false} nothing is configured.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "portcullis", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(PortcullisProperties.class)
public final class PortcullisAutoConfiguration {

    /** Before Spring Security's filter chain (-100), so that it sees the verified caller. */
    public static final int DEFAULT_FILTER_ORDER = -101;

    private static final Logger log = LoggerFactory.getLogger(PortcullisAutoConfiguration.class);

    /** Without a policy file, any verified caller may call anything the annotations allow. */
    private static final String BUILT_IN_POLICY =
            "{\"version\": 1, \"defaults\": {\"unmatched\": \"authenticated\"}, \"rules\": []}";
    private static final String BUILT_IN_NAME = "the built-in policy (no portcullis.policy set)";

    /**
     * The policy file at {@code portcullis.policy}, reloaded when it changes; its
     * {@code ${NAME:default}} placeholders are looked up in the Spring environment (environment
     * variables, system properties, application properties).
     */
    @Bean
    @ConditionalOnMissingBean({PolicyEngine.class, Portcullis.class})
    public PolicyEngine portcullisPolicyEngine(PortcullisProperties properties,
            Environment environment, ObjectProvider<Clock> clock) throws PolicyLoadException {
        PolicyLoader loader = PolicyLoader.builder()
                .clock(clock.getIfUnique(Clock::systemUTC))
                .environment(environment::getProperty)
                .build();
        String location = properties.getPolicy();
        if (location == null || location.isBlank()) {
            log.info("No portcullis.policy is set: every request needs a valid token, and "
                    + "endpoint annotations may ask for more");
            return loader.parse(BUILT_IN_POLICY, BUILT_IN_NAME);
        }
        PolicySource source;
        try {
            source = PolicySource.of(location.trim());
        } catch (IllegalArgumentException e) {
            throw new PortcullisConfigurationException("portcullis.policy", e.getMessage(),
                    "Set portcullis.policy to classpath:..., a file path, or an https:// URL.",
                    e);
        }
        return ReloadingPolicy.builder(source)
                .loader(loader)
                .interval(properties.getPolicyReloadInterval())
                .start();
    }

    /**
     * The token validator. Issuers set in {@code portcullis.issuers} replace the policy file's
     * issuers as a whole; without them, the file's issuers are trusted. Every
     * {@link ValidationListener} and {@link KeyFetchListener} bean hears its events.
     *
     * <p>Limitation: the issuers are read once, at start-up; a reloaded policy file changes
     * the rules only.
     */
    @Bean
    @ConditionalOnMissingBean({TokenValidator.class, Portcullis.class})
    public TokenValidator portcullisTokenValidator(PortcullisProperties properties,
            PolicyEngine policy, ObjectProvider<Clock> clock,
            ObjectProvider<ValidationListener> validationListeners,
            ObjectProvider<KeyFetchListener> keyFetchListeners) throws PolicyLoadException {
        KeySourceSettings keys = keySourceSettings(properties.getKeys());
        List<IssuerConfig> issuers = issuers(properties, policy, keys);
        TokenValidator.Builder validator = TokenValidator.builder()
                .clock(clock.getIfUnique(Clock::systemUTC))
                .issuers(issuers)
                .maxTokenLength(properties.getMaxTokenLength())
                .listener(Listeners.validation(validationListeners.orderedStream().toList()))
                .keyFetchListener(Listeners.keyFetch(keyFetchListeners.orderedStream().toList()));
        long cached = properties.getCache().getVerifiedTokens();
        if (cached < 0) {
            throw new PortcullisConfigurationException("portcullis.cache.verified-tokens",
                    "must not be negative: " + cached, "Set a size, or 0 to cache nothing.");
        }
        if (cached == 0) {
            validator.withoutVerifiedTokenCache();
        } else {
            validator.verifiedTokenCache(cached);
        }
        return validator.build();
    }

    /** The gate every adapter of this starter asks. */
    @Bean
    @ConditionalOnMissingBean
    public Portcullis portcullis(PortcullisProperties properties, TokenValidator validator,
            PolicyEngine policy) {
        return Portcullis.builder()
                .validator(validator)
                .policy(policy)
                .realm(realm(properties))
                .retryAfter(properties.getRetryAfter())
                .maxTokenLength(properties.getMaxTokenLength())
                .build();
    }

    /** Every {@link DecisionListener} bean, told by the filter and the interceptor. */
    @Bean
    DecisionListeners portcullisDecisionListeners(ObjectProvider<DecisionListener> listeners) {
        return new DecisionListeners(listeners.orderedStream().toList());
    }

    /** Returns the realm of challenges; an empty one is left out. */
    static String realm(PortcullisProperties properties) {
        String realm = properties.getRealm();
        return realm == null || realm.isEmpty() ? null : realm;
    }

    private static List<IssuerConfig> issuers(PortcullisProperties properties,
            PolicyEngine policy, KeySourceSettings keys) throws PolicyLoadException {
        Optional<Policy> file = HandlerRequirements.current(policy);
        if (!properties.getIssuers().isEmpty()) {
            List<IssuerConfig> issuers = IssuerConfigs.fromProperties(properties.getIssuers(),
                    keys);
            if (file.isPresent() && !file.get().issuers().isEmpty()) {
                log.info("Trusting the issuers of portcullis.issuers ({}); the issuers section "
                        + "of {} is not used", names(issuers), file.get().sourceName());
            }
            return issuers;
        }
        if (file.isEmpty() || file.get().issuers().isEmpty()) {
            throw new PortcullisConfigurationException("portcullis.issuers",
                    "no issuer is configured" + file.map(p -> ", neither here nor in "
                            + p.sourceName()).orElse(""),
                    "Set portcullis.issuers[0].issuer-uri, .discovery (or .jwks-uri) and "
                            + ".audiences, or add an issuers section to the policy file.");
        }
        return IssuerConfigs.fromPolicy(file.get().sourceName(), file.get().issuers(), keys);
    }

    private static String names(List<IssuerConfig> issuers) {
        return issuers.stream().map(IssuerConfig::issuer).collect(Collectors.joining(", "));
    }

    private static KeySourceSettings keySourceSettings(PortcullisProperties.Keys keys) {
        try {
            long maxBytes = keys.getMaxResponseSize().toBytes();
            return KeySourceSettings.builder()
                    .connectTimeout(keys.getConnectTimeout())
                    .readTimeout(keys.getReadTimeout())
                    .staleWindow(keys.getStaleWindow())
                    .defaultCacheLifetime(keys.getCacheLifetime())
                    .minCacheLifetime(keys.getMinCacheLifetime())
                    .maxCacheLifetime(keys.getMaxCacheLifetime())
                    .refetchCooldown(keys.getRefetchCooldown())
                    .maxKeys(keys.getMaxKeys())
                    .maxResponseBytes((int) Math.min(Integer.MAX_VALUE, maxBytes))
                    .allowInsecureHttp(keys.isAllowInsecureHttp())
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PortcullisConfigurationException("portcullis.keys", e.getMessage(),
                    "Give every portcullis.keys duration a positive value.", e);
        }
    }

    /** Puts the servlet adapter's filter in front of every request of a servlet application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(Filter.class)
    static class ServletConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "portcullisFilter")
        FilterRegistrationBean<Filter> portcullisFilter(Portcullis portcullis,
                PortcullisProperties properties, DecisionListeners listeners) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                    new GateFilter(new PortcullisFilter(portcullis), listeners));
            registration.setName("portcullisFilter");
            registration.setOrder(properties.getFilter().getOrder());
            registration.addUrlPatterns("/*");
            return registration;
        }
    }
}
