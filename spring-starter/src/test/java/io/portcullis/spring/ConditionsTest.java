package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portcullis.Portcullis;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.spring.health.PortcullisHealthAutoConfiguration;
import io.portcullis.spring.metrics.PortcullisMetricsAutoConfiguration;
import io.portcullis.spring.metrics.ValidationMetrics;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenValidator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** What the starter makes, and when it backs off. */
class ConditionsTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withBean(SimpleMeterRegistry.class)
            .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class,
                    PortcullisWebMvcAutoConfiguration.class,
                    PortcullisMetricsAutoConfiguration.class,
                    PortcullisHealthAutoConfiguration.class))
            .withPropertyValues(
                    "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                    "portcullis.issuers[0].discovery=true",
                    "portcullis.issuers[0].audiences=orders-api");

    @Test
    void withNothingOfItsOwnTheApplicationGetsEverything() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(Portcullis.class)
                .hasSingleBean(TokenValidator.class)
                .hasSingleBean(PolicyEngine.class)
                .hasBean("portcullisFilter")
                .hasSingleBean(HandlerRequirements.class)
                .hasSingleBean(ValidationMetrics.class)
                .hasBean("portcullisHealthContributor"));
    }

    @Test
    void anApplicationsPortcullisReplacesValidatorAndPolicyToo() {
        runner.withBean("ownPortcullis", Portcullis.class, ConditionsTest::ownPortcullis)
                .run(context -> {
                    assertThat(context).hasSingleBean(Portcullis.class)
                            .doesNotHaveBean("portcullisTokenValidator")
                            .doesNotHaveBean("portcullisPolicyEngine")
                            .hasBean("portcullisFilter");
                    assertThat(context.getBean(HandlerRequirements.class).portcullis())
                            .isSameAs(context.getBean("ownPortcullis"));
                });
    }

    @Test
    void anApplicationsValidatorReplacesTheStartersOnly() {
        runner.withBean("ownValidator", TokenValidator.class, ConditionsTest::ownValidator)
                .run(context -> {
                    assertThat(context).hasSingleBean(TokenValidator.class)
                            .hasBean("portcullisPolicyEngine");
                    assertThat(context.getBean(Portcullis.class).validator())
                            .isSameAs(context.getBean("ownValidator"));
                });
    }

    @Test
    void disabledConfiguresNothing() {
        runner.withPropertyValues("portcullis.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean(Portcullis.class)
                            .doesNotHaveBean(TokenValidator.class)
                            .doesNotHaveBean(PolicyEngine.class)
                            .doesNotHaveBean(HandlerRequirements.class)
                            .doesNotHaveBean(ValidationMetrics.class)
                            .doesNotHaveBean("portcullisHealthContributor")
                            .doesNotHaveBean(PortcullisProperties.class);
                    assertThat(context.getBeansOfType(FilterRegistrationBean.class)).isEmpty();
                });
    }

    @Test
    void disabledNeedsNoIssuer() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withPropertyValues("portcullis.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(Portcullis.class));
    }

    private static TokenValidator ownValidator() {
        return TokenValidator.builder()
                .issuer(IssuerConfig.builder(ISSUER.issuer()).discovery()
                        .audiences("orders-api").build())
                .build();
    }

    private static Portcullis ownPortcullis() {
        try {
            return Portcullis.builder()
                    .validator(ownValidator())
                    .policy(Policy.load("classpath:policies/user.yaml"))
                    .build();
        } catch (io.portcullis.policy.PolicyLoadException e) {
            throw new IllegalStateException(e);
        }
    }
}
