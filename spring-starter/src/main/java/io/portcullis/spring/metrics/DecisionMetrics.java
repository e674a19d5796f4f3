package io.portcullis.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.spring.DecisionListener;
import java.util.Locale;

/**
 * Counts what the starter answered: {@value #NAME}, tagged with the stage ({@code filter} for
 * the policy file, {@code handler} for endpoint annotations), the outcome ({@code allowed},
 * {@code refused}), the status and the reason code ({@code ok}, {@code missing_token},
 * {@code expired}, {@code roles}, {@code scopes}, {@code unmatched}, {@code keys_unavailable},
 * ...).
 */
public final class DecisionMetrics implements DecisionListener {

    /** The counter's name. */
    public static final String NAME = "portcullis.decisions";

    private final MeterRegistry registry;

    DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void decided(Stage stage, int status, String reason) {
        registry.counter(NAME,
                "stage", stage.name().toLowerCase(Locale.ROOT),
                "outcome", status == 200 ? "allowed" : "refused",
                "status", Integer.toString(status),
                "reason", reason).increment();
    }
}
