package io.portcullis.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portcullis.token.Rejection;
import io.portcullis.token.TokenPrincipal;
import io.portcullis.token.ValidationListener;
import java.util.concurrent.TimeUnit;

/**
 * Times every token validation: {@value #NAME}, tagged with the issuer, the outcome
 * ({@code accepted} or {@code rejected}), the reason ({@code ok} or a rejection code such as
 * {@code expired}) and whether the verified-token cache answered ({@code hit}, {@code miss};
 * {@code none} for rejections).
 */
public final class ValidationMetrics implements ValidationListener {

    /** The timer's name. */
    public static final String NAME = "portcullis.token.validations";

    private final MeterRegistry registry;
    private final TrustedIssuers issuers;

    ValidationMetrics(MeterRegistry registry, TrustedIssuers issuers) {
        this.registry = registry;
        this.issuers = issuers;
    }

    @Override
    public void accepted(TokenPrincipal principal, boolean cacheHit, long nanos) {
        timer(principal.issuer(), "accepted", "ok", cacheHit ? "hit" : "miss")
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rejected(Rejection rejection, long nanos) {
        timer(issuers.tag(rejection.issuer().orElse(null)), "rejected",
                rejection.reason().code(), "none").record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String issuer, String outcome, String reason, String cache) {
        return Timer.builder(NAME)
                .description("Token validations by issuer, outcome and reason")
                .tag("issuer", issuer)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .tag("cache", cache)
                .register(registry);
    }
}
