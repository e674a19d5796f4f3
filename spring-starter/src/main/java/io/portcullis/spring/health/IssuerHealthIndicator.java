package io.portcullis.spring.health;

import io.portcullis.keys.KeySourceStatus;
import io.portcullis.token.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The state of one issuer's keys, from {@link TokenValidator#keyStatus()}:
 *
 * <ul>
 *   <li>{@code UP}: fresh keys, and the last fetch worked;
 *   <li>{@value #DEGRADED_CODE}: keys still serve, but the last refresh failed or they are
 *       past their freshness (stale, within the stale window); tokens are still accepted, so
 *       this is not {@code DOWN} and maps to HTTP 200;
 *   <li>{@code DOWN}: no usable keys and fetches fail; tokens of this issuer get 503;
 *   <li>{@code UNKNOWN}: the first fetch has not finished yet.
 * </ul>
 *
 * Details: the key ids, when they were fetched, their age, when they stop being fresh, and the
 * last fetch error.
 */
public final class IssuerHealthIndicator implements HealthIndicator {

    /** The status of an issuer whose keys serve while its refreshes fail. */
    public static final String DEGRADED_CODE = "DEGRADED";
    /** {@value #DEGRADED_CODE}. */
    public static final Status DEGRADED = new Status(DEGRADED_CODE,
            "Keys still serve, but the issuer cannot be refreshed");

    private final TokenValidator validator;
    private final String issuer;
    private final Clock clock;

    IssuerHealthIndicator(TokenValidator validator, String issuer, Clock clock) {
        this.validator = validator;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Optional<KeySourceStatus> found = validator.keyStatus().stream()
                .filter(status -> status.issuer().equals(issuer)).findFirst();
        if (found.isEmpty()) {
            return Health.unknown().withDetail("issuer", issuer).build();
        }
        KeySourceStatus status = found.get();
        Health.Builder health = Health.status(statusOf(status))
                .withDetail("issuer", issuer)
                .withDetail("keys", status.keyIds())
                .withDetail("stale", status.stale());
        status.fetchedAt().ifPresent(at -> health
                .withDetail("fetchedAt", at.toString())
                .withDetail("age", Duration.between(at, clock.instant()).toString()));
        status.expiresAt().ifPresent(at -> health.withDetail("freshUntil", at.toString()));
        status.lastError().ifPresent(error -> health.withDetail("lastError", error));
        status.lastErrorAt().ifPresent(at -> health.withDetail("lastErrorAt", at.toString()));
        return health.build();
    }

    private static Status statusOf(KeySourceStatus status) {
        if (status.hasKeys()) {
            return status.stale() || status.lastError().isPresent() ? DEGRADED : Status.UP;
        }
        return status.lastError().isPresent() ? Status.DOWN : Status.UNKNOWN;
    }
}
