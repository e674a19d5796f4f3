package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portcullis.spring.metrics.DecisionMetrics;
import io.portcullis.spring.metrics.KeyFetchMetrics;
import io.portcullis.spring.metrics.ValidationMetrics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Metrics of decisions, validations and key fetches; the health of the issuer. */
class ObservabilityTest extends GuardedServiceTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void decisionsAreCountedByStageOutcomeAndReason() {
        double missing = decisions("filter", "refused", "401", "missing_token");
        double roles = decisions("handler", "refused", "403", "roles");
        double allowed = decisions("filter", "allowed", "200", "ok");
        double unmatched = decisions("filter", "refused", "403", "unmatched");

        get("/api/plain", null);
        get("/api/roles", ISSUER.token().realmRoles("user").sign());
        get("/nowhere", null);

        assertThat(decisions("filter", "refused", "401", "missing_token")).isEqualTo(missing + 1);
        assertThat(decisions("handler", "refused", "403", "roles")).isEqualTo(roles + 1);
        assertThat(decisions("filter", "refused", "403", "unmatched"))
                .isEqualTo(unmatched + 1);
        // The request refused by its annotation passed the file first.
        assertThat(decisions("filter", "allowed", "200", "ok")).isEqualTo(allowed + 1);
    }

    @Test
    void validationsAreTimedByIssuerAndOutcome() {
        long accepted = validations(ISSUER.issuer(), "accepted", "ok", "miss");
        long expired = validations(ISSUER.issuer(), "rejected", "expired", "none");
        long foreign = validations("unknown", "rejected", "issuer", "none");

        get("/api/plain", ISSUER.token().sign());
        get("/api/plain", ISSUER.token().expiresIn(Duration.ofMinutes(-10)).sign());
        get("/api/plain", ISSUER.token().issuer("https://issuer.invalid/anyone").sign());

        assertThat(validations(ISSUER.issuer(), "accepted", "ok", "miss"))
                .isEqualTo(accepted + 1);
        assertThat(validations(ISSUER.issuer(), "rejected", "expired", "none"))
                .isEqualTo(expired + 1);
        // An issuer nobody configured never becomes a tag of its own.
        assertThat(validations("unknown", "rejected", "issuer", "none")).isEqualTo(foreign + 1);
        assertThat(registry.find(ValidationMetrics.NAME)
                .tag("issuer", "https://issuer.invalid/anyone").timer()).isNull();
    }

    @Test
    void keyFetchesAreCountedPerIssuer() {
        get("/api/plain", ISSUER.token().sign());

        Counter fetches = registry.find(KeyFetchMetrics.FETCHES)
                .tags("issuer", ISSUER.issuer(), "outcome", "success").counter();
        assertThat(fetches).isNotNull();
        assertThat(fetches.count()).isGreaterThanOrEqualTo(1);
        Counter discoveries = registry.find(KeyFetchMetrics.DISCOVERIES)
                .tags("issuer", ISSUER.issuer()).counter();
        assertThat(discoveries).isNotNull();
        assertThat(discoveries.count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void eachIssuerHasAHealthIndicator() {
        get("/api/plain", ISSUER.token().sign());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Reply health = get("/actuator/health/portcullis", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(Health.status(health)).isEqualTo("UP");
        });
        Http.Reply health = get("/actuator/health/portcullis", null);
        Map<String, Object> issuer = Health.issuer(health);
        assertThat(issuer.get("status")).isEqualTo("UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) issuer.get("details");
        assertThat(details).containsEntry("issuer", ISSUER.issuer())
                .containsEntry("stale", false)
                .containsKeys("keys", "fetchedAt", "age", "freshUntil")
                .doesNotContainKey("lastError");
        assertThat(String.valueOf(details.get("keys"))).contains(ISSUER.activeKeyId());
    }

    private double decisions(String stage, String outcome, String status, String reason) {
        Counter counter = registry.find(DecisionMetrics.NAME).tags("stage", stage,
                "outcome", outcome, "status", status, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private long validations(String issuer, String outcome, String reason, String cache) {
        Timer timer = registry.find(ValidationMetrics.NAME).tags("issuer", issuer,
                "outcome", outcome, "reason", reason, "cache", cache).timer();
        return timer == null ? 0 : timer.count();
    }
}
