package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.portcullis.testkit.TestIssuer;
import jakarta.annotation.security.DenyAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A configuration that cannot work stops the application at start-up, and the failure analyzer
 * says what is wrong and where; an issuer that cannot be reached does not.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    @Test
    void aBrokenPolicyFileIsReportedWithItsLine(CapturedOutput output) {
        FailureAnalysis analysis = failure(TestService.class,
                "portcullis.policy=classpath:policies/broken.yaml",
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api");

        assertThat(analysis.getDescription()).startsWith(
                "The policy file classpath:policies/broken.yaml cannot be used at line 7")
                .contains("unknown key 'requires'");
        assertThat(analysis.getAction()).startsWith("Fix classpath:policies/broken.yaml at line 7");
        assertReported(output, analysis);
    }

    @Test
    void anIssuerOfThePolicyFileThatAcceptsNoneIsReportedWithItsLine(CapturedOutput output) {
        FailureAnalysis analysis = failure(TestService.class,
                "portcullis.policy=classpath:policies/none-algorithm.yaml");

        assertThat(analysis.getDescription())
                .startsWith("The policy file classpath:policies/none-algorithm.yaml cannot be "
                        + "used at line 8")
                .contains("none");
        assertReported(output, analysis);
    }

    @Test
    void anIssuerWithoutKeySourceIsReported(CapturedOutput output) {
        FailureAnalysis analysis = failure(TestService.class,
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].audiences=orders-api");

        assertThat(analysis.getDescription()).isEqualTo("Portcullis cannot guard this "
                + "application: portcullis.issuers[0]: issuer " + ISSUER.issuer()
                + " has no key source");
        assertThat(analysis.getAction()).contains("discovery: true", "jwks-uri",
                "shared-secret");
        assertReported(output, analysis);
    }

    @Test
    void theAlgorithmNoneIsRefused(CapturedOutput output) {
        FailureAnalysis analysis = failure(TestService.class,
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api",
                "portcullis.issuers[0].algorithms=RS256,none");

        assertThat(analysis.getDescription()).contains("portcullis.issuers[0]",
                "the algorithm none is never accepted");
        assertReported(output, analysis);
    }

    @Test
    void aMacAlgorithmWithoutSecretIsRefused(CapturedOutput output) {
        FailureAnalysis analysis = failure(TestService.class,
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api",
                "portcullis.issuers[0].algorithms=HS256");

        assertThat(analysis.getDescription()).contains("portcullis.issuers[0]",
                "allows HS256 but has no shared secret");
        assertReported(output, analysis);
    }

    @Test
    void noIssuerAtAllIsReported(CapturedOutput output) {
        FailureAnalysis analysis = failure(TestService.class);

        assertThat(analysis.getDescription()).isEqualTo("Portcullis cannot guard this "
                + "application: portcullis.issuers: no issuer is configured, neither here nor "
                + "in the built-in policy (no portcullis.policy set)");
        assertReported(output, analysis);
    }

    @Test
    void aRuleNameThePolicyDoesNotHaveIsReported(CapturedOutput output) {
        FailureAnalysis analysis = failure(UnknownRuleService.class,
                "portcullis.policy=classpath:policies/service.yaml",
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api");

        assertThat(analysis.getDescription()).contains("StartupFailureTest$UnknownRule#report",
                "@RequirePolicy names the rule 'read-reports'",
                "classpath:policies/service.yaml does not have",
                "read-report");
        assertReported(output, analysis);
    }

    @Test
    void contradictoryAnnotationsAreReported(CapturedOutput output) {
        FailureAnalysis analysis = failure(ContradictionService.class,
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api");

        assertThat(analysis.getDescription()).contains(
                "StartupFailureTest$Contradiction#report",
                "@DenyAll is combined with a requirement");
        assertReported(output, analysis);
    }

    @Test
    void anIssuerThatCannotBeReachedDoesNotStopTheStartUp() {
        TestIssuer down = TestIssuer.start();
        down.stop();
        try (ConfigurableApplicationContext context = run(TestService.class,
                "portcullis.policy=classpath:policies/service.yaml",
                "portcullis.issuers[0].issuer-uri=" + down.issuer(),
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api")) {
            assertThat(context.isActive()).isTrue();
        } finally {
            down.close();
        }
    }

    private static FailureAnalysis failure(Class<?> application, String... properties) {
        Throwable failure = catchThrowable(() -> run(application, properties).close());
        assertThat(failure).as("the start-up should fail").isNotNull();
        FailureAnalysis analysis = new PortcullisFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

    private static ConfigurableApplicationContext run(Class<?> application,
            String... properties) {
        return new SpringApplicationBuilder(application)
                .properties("server.port=0", "server.address=127.0.0.1")
                .properties(properties)
                .run();
    }

    /** Spring Boot printed this analysis when the start-up failed. */
    private static void assertReported(CapturedOutput output, FailureAnalysis analysis) {
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
                analysis.getDescription(), analysis.getAction());
    }

    /** A service whose endpoint names a rule the policy file does not have. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(UnknownRule.class)
    static class UnknownRuleService {
    }

    @RestController
    static class UnknownRule {
        @GetMapping("/reports/{id}")
        @RequirePolicy("read-reports")
        public String report() {
            return "report";
        }
    }

    /** A service whose endpoint both denies everyone and names a role. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Contradiction.class)
    static class ContradictionService {
    }

    @RestController
    static class Contradiction {
        @GetMapping("/api/report")
        @DenyAll
        @RequireRoles("admin")
        public String report() {
            return "report";
        }
    }
}
