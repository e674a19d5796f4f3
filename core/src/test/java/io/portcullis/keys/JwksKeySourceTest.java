package io.portcullis.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.portcullis.keys.KeyFetchListener.Failure;
import io.portcullis.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwksKeySourceTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String ISSUER = "http://127.0.0.1/realms/test";
    private static final String JWKS_PATH = "/jwks";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ECKey KEY_A = TestKeys.ecSigning("key-a");
    private static final ECKey KEY_B = TestKeys.ecSigning("key-b");
    private static final ECKey KEY_C = TestKeys.ecSigning("key-c");

    private static final KeySourceSettings SETTINGS = KeySourceSettings.builder()
            .connectTimeout(Duration.ofSeconds(1))
            .readTimeout(Duration.ofSeconds(3))
            .build();
    private static final HttpClient CLIENT = KeySources.httpClient(SETTINGS);

    private final TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingListener listener = new RecordingListener();
    private final List<KeySource> opened = new ArrayList<>();

    @AfterEach
    void closeSources() {
        opened.forEach(KeySource::close);
    }

    @Test
    void firstFetchLoadsTheKeys() throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A, KEY_B)));

        JwksKeySource source = source(SETTINGS);
        KeySet keys = keysFor(source, "key-a");

        assertThat(keys.keyIds()).containsExactly("key-a", "key-b");
        assertThat(keys.refreshFailing()).isFalse();
        assertThat(source.cached()).contains(keys);
        assertThat(listener.successes).singleElement().satisfies(success -> {
            assertThat(success.issuer()).isEqualTo(ISSUER);
            assertThat(success.uri()).isEqualTo(jwksUri());
            assertThat(success.keyCount()).isEqualTo(2);
            assertThat(success.duration()).isPositive();
        });
    }

    @Test
    void statusDescribesTheHeldKeys() throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A)).withHeader("Cache-Control", "max-age=120"));
        Instant start = clock.instant();

        JwksKeySource source = source(SETTINGS);
        keysFor(source, "key-a");
        KeySourceStatus status = source.status();

        assertThat(status.issuer()).isEqualTo(ISSUER);
        assertThat(status.keyIds()).containsExactly("key-a");
        assertThat(status.fetchedAt()).contains(start);
        assertThat(status.expiresAt()).contains(start.plusSeconds(120));
        assertThat(status.stale()).isFalse();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.lastErrorAt()).isEmpty();
        assertThat(status.hasKeys()).isTrue();
    }

    @ParameterizedTest(name = "Cache-Control: {0} keeps keys {1} s")
    @CsvSource(nullValues = "absent", value = {
        "absent, 300",
        "'max-age=120', 120",
        "'public, max-age=3600', 3600",
        "'max-age=5', 30",
        "'max-age=0', 30",
        "'max-age=999999999', 86400",
        "'max-age=99999999999999999999999', 86400",
        "'no-cache', 300",
        "'no-store, max-age=600', 300",
        "'max-age=soon', 300",
    })
    void cacheLifetimeComesFromMaxAgeWithinBounds(String cacheControl, long seconds)
            throws Exception {
        ResponseDefinitionBuilder response = okJson(TestKeys.jwks(KEY_A));
        if (cacheControl != null) {
            response = response.withHeader("Cache-Control", cacheControl);
        }
        serve(response);
        Instant start = clock.instant();

        JwksKeySource source = source(SETTINGS);
        keysFor(source, "key-a");

        assertThat(source.status().expiresAt()).contains(start.plusSeconds(seconds));
    }

    @Test
    void refreshesAheadOfExpiryWithoutMakingTheCallerWait() throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A)).withHeader("Cache-Control", "max-age=100"));
        JwksKeySource source = source(SETTINGS);
        keysFor(source, "key-a");
        serve(okJson(TestKeys.jwks(KEY_A, KEY_B)).withHeader("Cache-Control", "max-age=100"));

        clock.advance(Duration.ofSeconds(79));
        CompletableFuture<KeySet> early = source.keysFor("key-a").toCompletableFuture();
        assertThat(early).isCompleted();
        assertThat(fetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        CompletableFuture<KeySet> late = source.keysFor("key-a").toCompletableFuture();

        assertThat(late).isCompleted();
        assertThat(late.join().keyIds()).containsExactly("key-a");
        await().atMost(WAIT).until(() -> source.cached().orElseThrow().hasKeyId("key-b"));
        assertThat(fetches()).isEqualTo(2);
        assertThat(source.status().expiresAt()).contains(clock.instant().plusSeconds(100));
    }

    @Test
    void unknownKeyIdRefetchesAtMostOncePerCooldown() throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A)));
        JwksKeySource source = source(SETTINGS);
        keysFor(source, "key-a");

        // A rotation right after the first fetch is picked up at once.
        serve(okJson(TestKeys.jwks(KEY_A, KEY_B)));
        assertThat(keysFor(source, "key-b").hasKeyId("key-b")).isTrue();
        assertThat(fetches()).isEqualTo(2);

        // Within the cool-down of that refetch, unknown key ids are answered from memory.
        serve(okJson(TestKeys.jwks(KEY_A, KEY_B, KEY_C)));
        CompletableFuture<KeySet> insideCooldown = source.keysFor("key-c").toCompletableFuture();
        assertThat(insideCooldown).isCompleted();
        assertThat(insideCooldown.join().hasKeyId("key-c")).isFalse();
        CompletableFuture<KeySet> invented = source.keysFor("key-z").toCompletableFuture();
        assertThat(invented.join().keyIds()).containsExactly("key-a", "key-b");
        assertThat(fetches()).isEqualTo(2);

        clock.advance(SETTINGS.refetchCooldown());
        assertThat(keysFor(source, "key-c").hasKeyId("key-c")).isTrue();
        assertThat(fetches()).isEqualTo(3);
    }

    @Test
    void sixtyFourCallersWithUnknownKeyIdsCauseOneFetchAndRotationFollowsTheCooldown()
            throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A)));
        JwksKeySource source = source(SETTINGS);
        keysFor(source, "key-a");
        clock.advance(SETTINGS.refetchCooldown().plusSeconds(1));
        serve(okJson(TestKeys.jwks(KEY_A)).withFixedDelay(300));

        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KeySet>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String invented = "invented-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return source.keysFor(invented).toCompletableFuture()
                            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }));
            }
            start.countDown();
            for (Future<KeySet> answer : answers) {
                assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).keyIds())
                        .containsExactly("key-a");
            }
        } finally {
            pool.shutdownNow();
        }
        server.verify(exactly(2), getRequestedFor(urlEqualTo(JWKS_PATH)));

        serve(okJson(TestKeys.jwks(KEY_A, KEY_B)));
        assertThat(keysFor(source, "key-b").hasKeyId("key-b")).isFalse();
        server.verify(exactly(2), getRequestedFor(urlEqualTo(JWKS_PATH)));

        clock.advance(SETTINGS.refetchCooldown());
        assertThat(keysFor(source, "key-b").hasKeyId("key-b")).isTrue();
        server.verify(exactly(3), getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    @Test
    void hangingEndpointFailsWithinTheTimeouts() {
        serve(okJson(TestKeys.jwks(KEY_A)).withFixedDelay(4_000));
        KeySourceSettings quick = SETTINGS.toBuilder()
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofMillis(500))
                .build();

        JwksKeySource source = source(quick);

        assertThatThrownBy(() -> source.keysFor("key-a").toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(KeysUnavailableException.class);
        assertThat(listener.lastFailure()).isEqualTo(Failure.TIMEOUT);
    }

    @Test
    void bodyTricklingInSlowerThanTheReadTimeoutFailsWithinTheTimeouts() {
        serve(okJson(TestKeys.jwks(KEY_A)).withChunkedDribbleDelay(20, 4_000));
        KeySourceSettings quick = SETTINGS.toBuilder()
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofMillis(500))
                .build();

        JwksKeySource source = source(quick);

        assertThatThrownBy(() -> source.keysFor("key-a").toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(KeysUnavailableException.class);
        assertThat(listener.lastFailure()).isEqualTo(Failure.TIMEOUT);
    }

    @Test
    void serverErrorLeavesNoKeysAndSaysWhy() {
        serve(serverError());

        JwksKeySource source = source(SETTINGS);

        assertUnavailable(source, "key-a");
        assertThat(listener.lastFailure()).isEqualTo(Failure.HTTP_STATUS);
        assertThat(source.status().lastError()).hasValueSatisfying(
                error -> assertThat(error).contains("HTTP 500"));
        assertThat(source.status().lastErrorAt()).contains(clock.instant());
        assertThat(source.status().hasKeys()).isFalse();
        assertThat(source.cached()).isEmpty();
    }

    @Test
    void connectionResetLeavesNoKeys() {
        serve(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        JwksKeySource source = source(SETTINGS);

        assertUnavailable(source, "key-a");
        assertThat(listener.lastFailure()).isEqualTo(Failure.CONNECTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "[]",
        "{}",
        "{\"keys\": \"key-a\"}",
        "{\"keys\": [1, 2]}",
        "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\"}]}",
        "{\"keys\": [{\"kty\": \"RSA\", \"n\": 5, \"e\": \"AQAB\"}]}",
    })
    void malformedBodyIsRefusedCleanly(String body) {
        serve(okJson(body));

        JwksKeySource source = source(SETTINGS);

        assertUnavailable(source, "key-a");
        assertThat(listener.lastFailure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void declaredOversizedBodyIsRefused() {
        String padded = "{\"padding\": \"" + " ".repeat(2_000) + "\", \"keys\": "
                + TestKeys.jwks(KEY_A).substring("{\"keys\":".length());
        serve(okJson(padded));

        JwksKeySource source = source(SETTINGS.toBuilder().maxResponseBytes(1_024).build());

        assertUnavailable(source, "key-a");
        assertThat(listener.lastFailure()).isEqualTo(Failure.TOO_LARGE);
    }

    @Test
    void endlessBodyIsCutOffAtTheCapWhileStreaming() throws Exception {
        try (EndlessBodyServer endless = new EndlessBodyServer()) {
            KeySourceSettings capped = SETTINGS.toBuilder().maxResponseBytes(64 * 1024).build();

            JwksKeySource source = new JwksKeySource(ISSUER, endless.uri(), capped, clock, CLIENT,
                    listener);
            opened.add(source);

            assertUnavailable(source, "key-a");
            assertThat(listener.lastFailure()).isEqualTo(Failure.TOO_LARGE);
        }
    }

    @Test
    void tooManyKeysAreRefusedAsAWhole() {
        JWK[] keys = new JWK[4];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = TestKeys.ecSigning("key-" + i);
        }
        serve(okJson(TestKeys.jwks(keys)));

        JwksKeySource source = source(SETTINGS.toBuilder().maxKeys(3).build());

        assertUnavailable(source, "key-0");
        assertThat(listener.lastFailure()).isEqualTo(Failure.TOO_MANY_KEYS);
    }

    @Test
    void encryptionKeysAreNeverReturned() throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A, TestKeys.ecEncryption("key-enc"))));

        JwksKeySource source = source(SETTINGS);
        KeySet keys = keysFor(source, "key-enc");

        assertThat(keys.hasKeyId("key-enc")).isFalse();
        assertThat(keys.keyIds()).containsExactly("key-a");
        assertThat(source.status().keyIds()).containsExactly("key-a");
    }

    @Test
    void jwksOfEncryptionKeysOnlyHasNoUsableKeys() {
        serve(okJson(TestKeys.jwks(TestKeys.ecEncryption("key-enc"))));

        JwksKeySource source = source(SETTINGS);

        assertUnavailable(source, "key-enc");
        assertThat(listener.lastFailure()).isEqualTo(Failure.NO_USABLE_KEYS);
    }

    @Test
    void publishedSymmetricKeysAreIgnored() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("key-hmac").generate();
        String body = "{\"keys\": [" + KEY_A.toPublicJWK().toJSONString() + ", "
                + secret.toJSONString() + "]}";
        serve(okJson(body));

        JwksKeySource source = source(SETTINGS);

        assertThat(keysFor(source, "key-a").keyIds()).containsExactly("key-a");
    }

    @Test
    void keysKeepServingThroughTheStaleWindowThenBecomeUnavailable() throws Exception {
        Duration staleWindow = Duration.ofHours(1);
        KeySourceSettings settings = SETTINGS.toBuilder().staleWindow(staleWindow).build();
        serve(okJson(TestKeys.jwks(KEY_A)).withHeader("Cache-Control", "max-age=60"));
        Instant start = clock.instant();
        JwksKeySource source = source(settings);
        keysFor(source, "key-a");
        serve(serverError());

        clock.advance(Duration.ofSeconds(61));
        CompletableFuture<KeySet> pastExpiry = source.keysFor("key-a").toCompletableFuture();
        assertThat(pastExpiry).isCompleted();
        assertThat(pastExpiry.join().hasKeyId("key-a")).isTrue();
        await().atMost(WAIT).until(() -> listener.failures.size() == 1);

        KeySet failing = keysFor(source, "key-a");
        assertThat(failing.hasKeyId("key-a")).isTrue();
        assertThat(failing.refreshFailing()).isTrue();
        KeySet unknown = keysFor(source, "key-new");
        assertThat(unknown.hasKeyId("key-new")).isFalse();
        assertThat(unknown.refreshFailing()).isTrue();
        KeySourceStatus status = source.status();
        assertThat(status.stale()).isTrue();
        assertThat(status.hasKeys()).isTrue();
        assertThat(status.lastError()).isPresent();

        clock.advance(Duration.between(clock.instant(), start.plusSeconds(60).plus(staleWindow))
                .minusSeconds(1));
        assertThat(keysFor(source, "key-a").refreshFailing()).isTrue();
        await().atMost(WAIT).until(() -> listener.failures.size() == 2);

        clock.advance(Duration.ofSeconds(2));
        assertUnavailable(source, "key-a");
        assertThat(source.status().hasKeys()).isFalse();
        assertThat(source.status().keyIds()).isEmpty();
        assertThat(source.cached()).isEmpty();
        assertThat(fetches()).isEqualTo(3);

        serve(okJson(TestKeys.jwks(KEY_A)));
        clock.advance(settings.refetchCooldown());
        KeySet recovered = keysFor(source, "key-a");
        assertThat(recovered.refreshFailing()).isFalse();
        assertThat(source.status().lastError()).isEmpty();
    }

    @Test
    void firstFetchFailingDoesNotThrowAndIsRetriedAfterTheCooldown() throws Exception {
        serve(serverError());
        JwksKeySource source = source(SETTINGS);
        assertUnavailable(source, "key-a");
        serve(okJson(TestKeys.jwks(KEY_A)));

        assertUnavailable(source, "key-a");
        assertThat(fetches()).isEqualTo(1);

        clock.advance(SETTINGS.refetchCooldown());
        assertThat(keysFor(source, "key-a").keyIds()).containsExactly("key-a");
        assertThat(fetches()).isEqualTo(2);
        assertThat(source.status().lastError()).isEmpty();
    }

    @Test
    void plainHttpOffLoopbackIsRefusedAtConstruction() {
        URI offLoopback = URI.create("http://jwks.invalid/keys");

        assertThatThrownBy(() -> new JwksKeySource(ISSUER, offLoopback, SETTINGS, clock, CLIENT,
                listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> new JwksKeySource(ISSUER, URI.create("ftp://127.0.0.1/keys"),
                SETTINGS, clock, CLIENT, listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Test
    void redirectsAreNotFollowed() {
        server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + server.getPort() + "/elsewhere")));
        server.stubFor(get(urlEqualTo("/elsewhere")).willReturn(okJson(TestKeys.jwks(KEY_A))));

        JwksKeySource source = source(SETTINGS);

        assertUnavailable(source, "key-a");
        assertThat(listener.lastFailure()).isEqualTo(Failure.HTTP_STATUS);
        server.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void clientThatFollowsRedirectsIsRefused() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThatThrownBy(() -> new JwksKeySource(ISSUER, jwksUri(), SETTINGS, clock,
                following, listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redirects");
    }

    @Test
    void closeStopsBackgroundWorkAndKeepsAnsweringFromHeldKeys() throws Exception {
        serve(okJson(TestKeys.jwks(KEY_A)).withHeader("Cache-Control", "max-age=60"));
        JwksKeySource source = source(SETTINGS);
        keysFor(source, "key-a");
        assertThat(source.refreshPlanned()).isTrue();

        source.close();
        assertThat(source.refreshPlanned()).isFalse();

        clock.advance(Duration.ofSeconds(61));
        assertThat(source.keysFor("key-a").toCompletableFuture()).isCompleted();
        assertThat(source.keysFor("key-other").toCompletableFuture()).isCompleted();
        assertThat(fetches()).isEqualTo(1);
        assertThat(source.refreshPlanned()).isFalse();
    }

    @Test
    void failedFetchPlansARetryAndSuccessPlansARefresh() throws Exception {
        serve(serverError());
        JwksKeySource source = source(SETTINGS);
        assertUnavailable(source, "key-a");
        assertThat(source.refreshPlanned()).isTrue();

        serve(okJson(TestKeys.jwks(KEY_A)));
        clock.advance(SETTINGS.refetchCooldown());
        keysFor(source, "key-a");
        assertThat(source.refreshPlanned()).isTrue();
    }

    private JwksKeySource source(KeySourceSettings settings) {
        JwksKeySource source = new JwksKeySource(ISSUER, jwksUri(), settings, clock, CLIENT,
                listener);
        opened.add(source);
        return source;
    }

    private static URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getPort() + JWKS_PATH);
    }

    private static void serve(ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(response));
    }

    private static int fetches() {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(JWKS_PATH)).build())
                .getCount();
    }

    private static KeySet keysFor(KeySource source, String keyId) throws Exception {
        return source.keysFor(keyId).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void assertUnavailable(KeySource source, String keyId) {
        assertThatThrownBy(() -> keysFor(source, keyId))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(KeysUnavailableException.class);
    }
}
