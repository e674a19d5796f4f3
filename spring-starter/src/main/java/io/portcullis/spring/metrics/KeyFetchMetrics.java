package io.portcullis.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.keys.KeyFetchListener;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Counts the key fetches of every issuer: {@value #FETCHES}, tagged with the issuer, the
 * outcome ({@code success}, {@code failure}) and the failure ({@code none}, {@code timeout},
 * {@code connection}, {@code http_status}, ...), where a failure may be of the JWKS or of the
 * discovery document; and {@value #DISCOVERIES}, the discovery documents read.
 */
public final class KeyFetchMetrics implements KeyFetchListener {

    /** The counter of JWKS fetches and of failed fetches. */
    public static final String FETCHES = "portcullis.keys.fetches";
    /** The counter of discovery documents read. */
    public static final String DISCOVERIES = "portcullis.keys.discoveries";

    private final MeterRegistry registry;

    KeyFetchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void fetchSucceeded(String issuer, URI uri, int keyCount, Duration duration) {
        fetches(issuer, "success", "none");
    }

    @Override
    public void fetchFailed(String issuer, URI uri, Failure reason, String detail) {
        fetches(issuer, "failure", reason.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void discoverySucceeded(String issuer, URI uri, URI jwksUri, Duration duration) {
        registry.counter(DISCOVERIES, "issuer", issuer).increment();
    }

    private void fetches(String issuer, String outcome, String failure) {
        registry.counter(FETCHES, "issuer", issuer, "outcome", outcome, "failure", failure)
                .increment();
    }
}
