package io.portcullis.keys;

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
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.ECKey;
import io.portcullis.keys.KeyFetchListener.Failure;
import io.portcullis.testkit.TestClock;
import io.portcullis.token.IssuerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscoveryKeySourceTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String REALM_PATH = "/realms/test";
    private static final String DISCOVERY_PATH = REALM_PATH + "/.well-known/openid-configuration";
    private static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ECKey KEY_A = TestKeys.ecSigning("key-a");

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
    void discoversTheJwksUriAndServesItsKeys() throws Exception {
        serveDiscovery(okJson(document(issuer(), base() + JWKS_PATH)));
        serveJwks();

        DiscoveryKeySource source = new DiscoveryKeySource(config(), clock, CLIENT, listener);
        opened.add(source);

        assertThat(keysFor(source, "key-a").keyIds()).containsExactly("key-a");
        assertThat(source.jwksUri()).contains(URI.create(base() + JWKS_PATH));
        assertThat(source.status().keyIds()).containsExactly("key-a");
        assertThat(source.cached()).isPresent();
        assertThat(listener.discoveries).singleElement().satisfies(discovered -> {
            assertThat(discovered.uri()).isEqualTo(URI.create(base() + DISCOVERY_PATH));
            assertThat(discovered.jwksUri()).isEqualTo(URI.create(base() + JWKS_PATH));
        });
        server.verify(exactly(1), getRequestedFor(urlEqualTo(DISCOVERY_PATH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/realms/other", "/realms/test/", "/REALMS/test"})
    void discoveryDocumentForAnotherIssuerIsRefused(String otherPath) {
        serveDiscovery(okJson(document(base() + otherPath, base() + JWKS_PATH)));
        serveJwks();

        DiscoveryKeySource source = source(Duration.ofMinutes(1));

        assertUnavailable(source);
        assertThat(listener.lastFailure()).isEqualTo(Failure.ISSUER_MISMATCH);
        assertThat(source.status().lastError()).hasValueSatisfying(
                error -> assertThat(error).contains(base() + otherPath));
        assertThat(source.jwksUri()).isEmpty();
        server.verify(exactly(0), getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://jwks.invalid/certs", "ftp://127.0.0.1/certs",
        "/realms/test/certs"})
    void jwksUriThatIsNotAllowedIsRefused(String jwksUri) {
        serveDiscovery(okJson(document(issuer(), jwksUri)));

        DiscoveryKeySource source = source(Duration.ofMinutes(1));

        assertUnavailable(source);
        assertThat(listener.lastFailure()).isEqualTo(Failure.REFUSED_URI);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{\"issuer\": 5, \"jwks_uri\": \"http://127.0.0.1/certs\"}",
        "{\"issuer\": [\"x\"]}",
        "{\"jwks_uri\": \"http://127.0.0.1/certs\"}",
    })
    void malformedDiscoveryDocumentIsRefusedCleanly(String body) {
        serveDiscovery(okJson(body));

        DiscoveryKeySource source = source(Duration.ofMinutes(1));

        assertUnavailable(source);
        assertThat(listener.lastFailure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void discoveryWithoutJwksUriIsRefused() {
        serveDiscovery(okJson("{\"issuer\": \"" + issuer() + "\"}"));

        DiscoveryKeySource source = source(Duration.ofMinutes(1));

        assertUnavailable(source);
        assertThat(listener.lastFailure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void discoveryDownAtStartIsRetriedWithADoublingBackoff() throws Exception {
        serveDiscovery(serverError());
        serveJwks();

        DiscoveryKeySource source = source(Duration.ofMinutes(1));
        assertUnavailable(source);
        assertUnavailable(source);
        assertThat(discoveryFetches()).isEqualTo(1);
        assertThat(source.retryPlanned()).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertUnavailable(source);
        assertThat(discoveryFetches()).isEqualTo(2);

        serveDiscovery(okJson(document(issuer(), base() + JWKS_PATH)));
        clock.advance(Duration.ofMinutes(1));
        assertUnavailable(source);
        assertThat(discoveryFetches()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(keysFor(source, "key-a").keyIds()).containsExactly("key-a");
        assertThat(discoveryFetches()).isEqualTo(3);
        assertThat(source.status().lastError()).isEmpty();
    }

    @Test
    void discoveryRecoversOnItsOwnThroughTheBackgroundRetry() {
        serveDiscovery(serverError());
        serveJwks();
        DiscoveryKeySource source = source(Duration.ofMillis(200));
        assertUnavailable(source);

        serveDiscovery(okJson(document(issuer(), base() + JWKS_PATH)));

        await().atMost(WAIT).until(() -> source.cached().isPresent());
        assertThat(source.cached().orElseThrow().keyIds()).containsExactly("key-a");
    }

    @Test
    void startupDoesNotThrowWhenTheIssuerIsDown() {
        serveDiscovery(serverError());

        DiscoveryKeySource source = new DiscoveryKeySource(config(), clock, CLIENT, listener);
        opened.add(source);

        assertUnavailable(source);
        assertThat(source.status().hasKeys()).isFalse();
        assertThat(source.status().lastError()).hasValueSatisfying(
                error -> assertThat(error).contains("HTTP 500"));
    }

    @Test
    void closeStopsRetries() {
        serveDiscovery(serverError());
        DiscoveryKeySource source = source(Duration.ofMinutes(1));
        assertUnavailable(source);
        assertThat(source.retryPlanned()).isTrue();

        source.close();

        assertThat(source.retryPlanned()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertUnavailable(source);
        assertThat(discoveryFetches()).isEqualTo(1);
    }

    private DiscoveryKeySource source(Duration initialBackoff) {
        DiscoveryKeySource source = new DiscoveryKeySource(issuer(),
                URI.create(base() + DISCOVERY_PATH), SETTINGS, clock, CLIENT, listener,
                initialBackoff, Duration.ofMinutes(4));
        opened.add(source);
        return source;
    }

    private static IssuerConfig config() {
        return IssuerConfig.builder(issuer())
                .discovery()
                .anyAudience()
                .keySourceSettings(SETTINGS)
                .build();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private static String issuer() {
        return base() + REALM_PATH;
    }

    private static String document(String issuer, String jwksUri) {
        return "{\"issuer\": \"" + issuer + "\", \"jwks_uri\": \"" + jwksUri + "\", "
                + "\"id_token_signing_alg_values_supported\": [\"ES256\"]}";
    }

    private static void serveDiscovery(ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo(DISCOVERY_PATH)).willReturn(response));
    }

    private static void serveJwks() {
        server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(TestKeys.jwks(KEY_A))));
    }

    private static int discoveryFetches() {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(DISCOVERY_PATH)).build())
                .getCount();
    }

    private static KeySet keysFor(KeySource source, String keyId) throws Exception {
        return source.keysFor(keyId).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void assertUnavailable(KeySource source) {
        assertThatThrownBy(() -> keysFor(source, "key-a"))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(KeysUnavailableException.class);
    }
}
