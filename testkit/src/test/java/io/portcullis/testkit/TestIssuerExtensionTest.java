package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.lang.reflect.Modifier;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small sample test classes through the Jupiter engine and checks what the extension did
 * around them. The samples are nested classes, which the build's test run skips on its own.
 */
class TestIssuerExtensionTest {

    /** Issuers the samples saw, in the order they saw them. */
    static final List<TestIssuer> SEEN = new CopyOnWriteArrayList<>();

    /** Whether the issuer still ran when a sample's own {@code @AfterAll} method ran. */
    static final List<Boolean> RUNNING_AFTER_ALL = new CopyOnWriteArrayList<>();

    @Test
    void staticRegistrationSharesOneIssuerAndResetsItBetweenTests() {
        EngineExecutionResults results = run(StaticRegistration.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertClosed(SEEN.get(0));
    }

    @Test
    void extendWithResolvesTestIssuerParameters() {
        EngineExecutionResults results = run(ExtendWithSample.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertClosed(SEEN.get(0));
    }

    @Test
    void instanceRegistrationGivesEachTestItsOwnIssuer() {
        EngineExecutionResults results = run(InstanceRegistration.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        SEEN.forEach(TestIssuerExtensionTest::assertClosed);
    }

    @Test
    void nestedClassesKeepTheOuterIssuerOpen() {
        EngineExecutionResults results = run(OuterWithNested.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(RUNNING_AFTER_ALL).containsExactly(true);
        assertClosed(SEEN.get(0));
    }

    @Test
    void configuredExtensionUsesItsBuilder() {
        EngineExecutionResults results = run(ConfiguredSample.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SEEN.get(0).realm()).isEqualTo("orders");
    }

    @Test
    void theExtensionOffersEveryIssuerMethod() throws Exception {
        for (Method method : TestIssuer.class.getDeclaredMethods()) {
            boolean api = Modifier.isPublic(method.getModifiers())
                    && !Modifier.isStatic(method.getModifiers())
                    && !method.getName().equals("close");
            if (api) {
                Method delegate = TestIssuerExtension.class
                        .getMethod(method.getName(), method.getParameterTypes());
                assertThat(delegate.getReturnType()).as(method.toString())
                        .isEqualTo(method.getReturnType());
            }
        }
    }

    private static EngineExecutionResults run(Class<?> sample) {
        SEEN.clear();
        RUNNING_AFTER_ALL.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample)).execute();
        List<String> failures = results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": "
                        + event.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::toString).orElse("?"))
                .toList();
        assertThat(failures).as("failures in the sample").isEmpty();
        return results;
    }

    private static void assertClosed(TestIssuer issuer) {
        assertThat(issuer.isRunning()).isFalse();
        HttpRequest request = HttpRequest.newBuilder(issuer.jwksUri())
                .timeout(Http.TIMEOUT).build();
        assertThatThrownBy(() -> Http.send(Http.newClient(), request))
                .hasCauseInstanceOf(ConnectException.class);
    }

    /** Each test finds the issuer healthy and leaves it broken, so only a reset lets both pass. */
    private static void expectHealthyThenBreak(TestIssuer issuer) {
        assertThat(issuer.jwksRequests()).isZero();
        assertThat(Http.get(issuer.jwksUri()).statusCode()).isEqualTo(200);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
        issuer.failWith(503);
        issuer.stop();
    }

    static class StaticRegistration {
        @RegisterExtension
        static TestIssuerExtension issuer = TestIssuerExtension.create(
                TestIssuer.builder().encryptionKey(false));

        @Test
        void first(TestIssuer injected) {
            assertThat(injected).isSameAs(issuer.get());
            SEEN.add(injected);
            expectHealthyThenBreak(injected);
        }

        @Test
        void second() {
            SEEN.add(issuer.get());
            expectHealthyThenBreak(issuer.get());
        }
    }

    @ExtendWith(TestIssuerExtension.class)
    static class ExtendWithSample {
        @BeforeAll
        static void beforeAll(TestIssuer issuer) {
            SEEN.add(issuer);
        }

        @Test
        void test(TestIssuer issuer) {
            SEEN.add(issuer);
            assertThat(Jwts.verifies(issuer.token().sign(), Jwts.fetchJwks(issuer))).isTrue();
        }
    }

    static class InstanceRegistration {
        @RegisterExtension
        TestIssuerExtension issuer = TestIssuerExtension.create(
                TestIssuer.builder().encryptionKey(false));

        @Test
        void first() {
            SEEN.add(issuer.get());
            expectHealthyThenBreak(issuer.get());
        }

        @Test
        void second() {
            SEEN.add(issuer.get());
            expectHealthyThenBreak(issuer.get());
        }
    }

    static class OuterWithNested {
        @RegisterExtension
        static TestIssuerExtension issuer = TestIssuerExtension.create(
                TestIssuer.builder().encryptionKey(false));

        @AfterAll
        static void afterAll() {
            RUNNING_AFTER_ALL.add(issuer.get().isRunning());
        }

        @Test
        void outer() {
            SEEN.add(issuer.get());
            expectHealthyThenBreak(issuer.get());
        }

        @Nested
        class Inner {
            @Test
            void inner() {
                SEEN.add(issuer.get());
                assertThat(issuer.jwksRequests()).isZero();
                assertThat(Http.get(issuer.jwksUri()).statusCode()).isEqualTo(200);
                issuer.failWith(503);
            }
        }
    }

    static class ConfiguredSample {
        @RegisterExtension
        static TestIssuerExtension issuer = TestIssuerExtension.create(
                TestIssuer.builder().realm("orders").encryptionKey(false));

        @Test
        void test() {
            SEEN.add(issuer.get());
            assertThat(issuer.issuer()).endsWith("/realms/orders");
        }
    }
}
