package io.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portcullis.keys.KeySourceSettings;
import io.portcullis.testkit.TestClock;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The validator against a real issuer over loopback HTTP: discovery, rotation and outages. */
class ValidationAgainstIssuerTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    TestClock clock;
    TestIssuer issuer;
    TokenValidator validator;

    @BeforeEach
    void start() {
        clock = TestClock.at(Instant.parse("2026-12-04T09:00:00Z"));
        issuer = TestIssuer.builder().realm("prod").clock(clock)
                .tokenDefaults(t -> t.audience("orders-service")).start();
    }

    @AfterEach
    void stop() {
        if (validator != null) {
            validator.close();
        }
        issuer.close();
    }

    TokenValidator validator(KeySourceSettings settings) {
        validator = TokenValidator.builder()
                .issuer(IssuerConfig.builder(issuer.issuer()).discovery()
                        .audiences("orders-service").keySourceSettings(settings).build())
                .clock(clock)
                .build();
        return validator;
    }

    TokenValidator validator() {
        return validator(KeySourceSettings.defaults());
    }

    @Test
    void findsKeysThroughDiscovery() {
        ValidationResult result = validator().validate(issuer.token().subject("alice").sign());

        assertThat(result.isValid()).isTrue();
        assertThat(result.principal().issuer()).isEqualTo(issuer.issuer());
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void asyncValidationCompletesOnceKeysArrive() {
        CompletableFuture<ValidationResult> result = validator()
                .validateAsync(issuer.token().sign()).toCompletableFuture();

        assertThat(result.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().isValid())
                .isTrue();
        CompletableFuture<ValidationResult> again =
                validator.validateAsync(issuer.token().sign()).toCompletableFuture();
        assertThat(again).isCompleted();
    }

    @Test
    void rotatedKeyIsAcceptedAtOnce() {
        TokenValidator validator = validator();
        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();

        issuer.rotateKey();

        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void manyInventedKeyIdsAtOnceCauseOneFetchAndRotationFollowsWithinTheCooldown()
            throws Exception {
        TokenValidator validator = validator();
        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();
        issuer.resetCounts();

        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<ValidationResult>> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < callers; i++) {
                String token = issuer.token().keyId("invented-" + i).sign();
                results.add(pool.submit(() -> {
                    go.await();
                    return validator.validate(token);
                }));
            }
            go.countDown();
            for (Future<ValidationResult> result : results) {
                assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).rejection().reason())
                        .isEqualTo(Reason.KEY_NOT_FOUND);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        // A genuine rotation just after the burst waits for the cool-down, and no longer.
        issuer.rotateKey();
        String rotated = issuer.token().sign();
        assertThat(validator.validate(rotated).rejection().reason())
                .isEqualTo(Reason.KEY_NOT_FOUND);
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        clock.advance(KeySourceSettings.DEFAULT_REFETCH_COOLDOWN);
        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void hangingIssuerMakesValidationGiveUpWithinTheTimeout() {
        issuer.hang();
        TokenValidator validator = validator(KeySourceSettings.builder()
                .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(500))
                .build());

        long start = System.nanoTime();
        ValidationResult result = validator.validate(issuer.token().sign());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.rejection().reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void staleKeysServeThroughTheWindowWhileTheIssuerIsDownThenStop() {
        TokenValidator validator = validator(KeySourceSettings.builder()
                .staleWindow(Duration.ofHours(1)).build());
        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();

        issuer.stop();
        clock.advance(KeySourceSettings.DEFAULT_CACHE_LIFETIME.plusMinutes(1));
        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();

        clock.advance(Duration.ofMinutes(50));
        String fresh = issuer.token().sign();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(validator.validate(fresh).isValid()).isTrue());

        clock.advance(Duration.ofMinutes(10));
        ValidationResult after = validator.validate(issuer.token().sign());
        assertThat(after.rejection().reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(validator.keyStatus().get(0).lastError()).isPresent();
    }

    @Test
    void unknownKeyDuringAnOutageIsUnavailableNotForged() {
        TokenValidator validator = validator();
        assertThat(validator.validate(issuer.token().sign()).isValid()).isTrue();

        issuer.rotateKey();
        String rotated = issuer.token().sign();
        issuer.failWith(503);

        ValidationResult result = validator.validate(rotated);
        assertThat(result.rejection().reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(validator.validate(issuer.token().signedWith(firstKey()).sign()).isValid())
                .isTrue();
    }

    private String firstKey() {
        return issuer.publishedKeyIds().get(0);
    }

    @Test
    void discoveryDownAtStartDoesNotStopTheServiceAndRecovers() {
        issuer.failWith(503);
        TokenValidator validator = validator();
        assertThat(validator.validate(issuer.token().sign()).rejection().reason())
                .isEqualTo(Reason.KEYS_UNAVAILABLE);

        issuer.recover();
        String token = issuer.token().sign();
        await().atMost(WAIT).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(30));
            assertThat(validator.validate(token).isValid()).isTrue();
        });
    }

    @Test
    void tokensOfAnotherEnvironmentAreRefused() {
        try (TestIssuerServer server = TestIssuerServer.start()) {
            TestIssuer staging = server.addIssuer(TestIssuer.builder().realm("staging")
                    .clock(clock).tokenDefaults(t -> t.audience("orders-service")));
            TokenValidator validator = validator();

            Rejection rejection = validator.validate(staging.token().sign()).rejection();

            assertThat(rejection.reason()).isEqualTo(Reason.ISSUER);
            assertThat(staging.jwksRequests()).isZero();
            assertThat(staging.discoveryRequests()).isZero();
        }
    }

    @Test
    void idTokenIsNotAnAccessToken() {
        String idToken = issuer.token().idToken().audience("orders-service").sign();
        assertThat(validator().validate(idToken).rejection().reason()).isEqualTo(Reason.TYPE);
    }
}
