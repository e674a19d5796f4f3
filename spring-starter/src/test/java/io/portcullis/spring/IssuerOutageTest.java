package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portcullis.spring.health.IssuerHealthIndicator;
import io.portcullis.testkit.TestClock;
import io.portcullis.testkit.TestIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An issuer that is down when the service starts, comes back, and fails again: the service
 * starts anyway, answers 503 while it has no keys, serves with stale keys (health DEGRADED,
 * HTTP 200) and reports DOWN once they are gone. Time is a test clock shared by the issuer and
 * the service.
 */
@SpringBootTest(classes = {TestService.class, IssuerOutageTest.Time.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "portcullis.policy=classpath:policies/service.yaml",
                "portcullis.keys.cache-lifetime=1m",
                "portcullis.keys.refetch-cooldown=30s",
                "portcullis.keys.stale-window=10m",
                "portcullis.retry-after=45s",
                "management.endpoint.health.show-details=always"})
@DirtiesContext
class IssuerOutageTest {

    static final TestClock CLOCK = TestClock.ofNow();
    static final TestIssuer ISSUER = stopped(TestIssuer.builder().clock(CLOCK)
            .tokenDefaults(t -> t.audience(TestIssuers.AUDIENCE)).start());

    @LocalServerPort
    int port;

    private static TestIssuer stopped(TestIssuer issuer) {
        issuer.stop();
        return issuer;
    }

    @DynamicPropertySource
    static void trustIssuer(DynamicPropertyRegistry registry) {
        registry.add("portcullis.issuers[0].issuer-uri", ISSUER::issuer);
        registry.add("portcullis.issuers[0].jwks-uri", () -> ISSUER.jwksUri().toString());
        registry.add("portcullis.issuers[0].audiences", () -> TestIssuers.AUDIENCE);
    }

    @AfterAll
    static void closeIssuer() {
        ISSUER.close();
    }

    @Test
    void theServiceRidesOutAnOutageOfItsIssuer() {
        Http http = new Http(port);

        // Down at start-up: the service started all the same, and cannot verify tokens.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Health.status(http.get("/actuator/health/portcullis", null)))
                        .isEqualTo("DOWN"));
        Http.Reply unavailable = http.get("/api/plain", ISSUER.token().sign());
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).hasValue("45");
        assertThat(unavailable.header("Content-Type")).hasValue("application/problem+json");
        assertThat(unavailable.header("WWW-Authenticate")).isEmpty();
        assertThat(unavailable.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":"
                + "\"Service Unavailable\",\"status\":503,\"detail\":\"The issuer's keys are not"
                + " available now\",\"reason\":\"keys_unavailable\"}");
        Http.Reply down = http.get("/actuator/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(Health.status(down)).isEqualTo("DOWN");
        // What needs no token keeps working.
        assertThat(http.get("/open/hello", null).status()).isEqualTo(200);

        // Back: after the cool-down the next token has the keys fetched.
        ISSUER.restart();
        CLOCK.advance(Duration.ofSeconds(31));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/api/plain", ISSUER.token().sign()).status())
                        .isEqualTo(200));
        assertThat(Health.status(http.get("/actuator/health/portcullis", null)))
                .isEqualTo("UP");

        // Failing again: past their freshness the keys still serve, and health says so.
        ISSUER.failWith(500);
        CLOCK.advance(Duration.ofMinutes(2));
        assertThat(http.get("/api/plain", ISSUER.token().sign()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Reply degraded = http.get("/actuator/health/portcullis", null);
            assertThat(degraded.status()).isEqualTo(200);
            assertThat(Health.status(degraded))
                    .isEqualTo(IssuerHealthIndicator.DEGRADED_CODE);
        });
        Http.Reply whole = http.get("/actuator/health", null);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(Health.status(whole)).isEqualTo("DEGRADED");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) Health.issuer(
                http.get("/actuator/health/portcullis", null)).get("details");
        assertThat(details).containsEntry("stale", true).containsKeys("lastError", "age");

        // Past the stale window nothing is left to verify with.
        CLOCK.advance(Duration.ofMinutes(11));
        assertThat(http.get("/api/plain", ISSUER.token().sign()).status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/actuator/health", null).status()).isEqualTo(503));
    }

    /** The clock of the issuer and the service. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }
}
