package io.portcullis.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.portcullis.testkit.TestClock;
import io.portcullis.token.IssuerConfig;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeySourcesTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final ECKey KEY_A = TestKeys.ecSigning("key-a");
    private static final byte[] SECRET =
            "a shared secret of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);

    private final TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private final HttpClient client = KeySources.httpClient();

    @Test
    void httpClientNeverFollowsRedirectsAndHasTheConnectTimeout() {
        KeySourceSettings settings = KeySourceSettings.builder()
                .connectTimeout(Duration.ofMillis(1_500))
                .build();

        HttpClient made = KeySources.httpClient(settings);

        assertThat(made.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(made.connectTimeout()).contains(Duration.ofMillis(1_500));
    }

    @Test
    void fetchThreadsDoNotHoldTheClassLoaderOfTheThreadThatStartedThem() throws Exception {
        server.stubFor(get(urlEqualTo("/jwks")).willReturn(okJson(TestKeys.jwks(KEY_A))));
        IssuerConfig config = IssuerConfig.builder("http://127.0.0.1:" + server.getPort())
                .jwksUri("http://127.0.0.1:" + server.getPort() + "/jwks")
                .anyAudience()
                .build();
        ClassLoader requestLoader = new java.net.URLClassLoader(new java.net.URL[0]);
        java.util.concurrent.CompletableFuture<ClassLoader> seen =
                new java.util.concurrent.CompletableFuture<>();
        KeyFetchListener listener = new KeyFetchListener() {
            @Override
            public void fetchSucceeded(String issuer, java.net.URI uri, int keys,
                    Duration took) {
                seen.complete(Thread.currentThread().getContextClassLoader());
            }
        };

        // As a web container's request thread would: its own loader, and the client made there.
        java.util.concurrent.atomic.AtomicReference<KeySource> made =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread request = new Thread(() -> made.set(KeySources.create(config, clock,
                KeySources.httpClient(), listener)));
        request.setContextClassLoader(requestLoader);
        request.start();
        request.join();

        try (KeySource source = made.get()) {
            ClassLoader fetchLoader = seen.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(fetchLoader).isNotSameAs(requestLoader)
                    .isSameAs(KeySources.class.getClassLoader());
        }
    }

    @Test
    void jwksUriConfigurationGivesAJwksKeySource() throws Exception {
        server.stubFor(get(urlEqualTo("/jwks")).willReturn(okJson(TestKeys.jwks(KEY_A))));
        IssuerConfig config = IssuerConfig.builder("http://127.0.0.1:" + server.getPort())
                .jwksUri("http://127.0.0.1:" + server.getPort() + "/jwks")
                .anyAudience()
                .build();

        try (KeySource source = KeySources.create(config, clock, client, KeyFetchListener.NONE)) {
            assertThat(source).isInstanceOf(JwksKeySource.class);
            assertThat(source.keysFor("key-a").toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .keyIds()).containsExactly("key-a");
        }
    }

    @Test
    void discoveryConfigurationGivesADiscoveryKeySource() {
        IssuerConfig config = IssuerConfig.builder("http://127.0.0.1:" + server.getPort())
                .discovery()
                .anyAudience()
                .build();

        try (KeySource source = KeySources.create(config, clock, client, KeyFetchListener.NONE)) {
            assertThat(source).isInstanceOf(DiscoveryKeySource.class);
        }
    }

    @Test
    void fixedKeysAreServedAtOnceAndNeverExpire() {
        RSAKey rsa = TestKeys.rsaSigning("key-r");
        IssuerConfig config = IssuerConfig.builder("https://issuer.example")
                .keys(new JWKSet(List.of(rsa, TestKeys.ecEncryption("key-enc"))))
                .anyAudience()
                .build();

        KeySource source = KeySources.create(config, clock, client, KeyFetchListener.NONE);

        assertThat(source).isInstanceOf(FixedKeySource.class);
        KeySet keys = source.keysFor("key-r").toCompletableFuture().join();
        assertThat(keys.keyIds()).containsExactly("key-r");
        assertThat(keys.jwks()).allSatisfy(jwk -> assertThat(jwk.isPrivate()).isFalse());
        assertThat(source.keysFor("key-unknown").toCompletableFuture()).isCompleted();
        KeySourceStatus status = source.status();
        assertThat(status.fetchedAt()).contains(clock.instant());
        assertThat(status.expiresAt()).isEmpty();
        assertThat(status.hasKeys()).isTrue();
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void sharedSecretBecomesOneHmacKey() {
        IssuerConfig config = IssuerConfig.builder("https://issuer.example")
                .sharedSecret(SECRET)
                .anyAudience()
                .build();

        KeySource source = KeySources.create(config);

        KeySet keys = source.cached().orElseThrow();
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.candidates(null, JWSAlgorithm.HS256)).hasSize(1);
        assertThat(keys.candidates(null, JWSAlgorithm.RS256)).isEmpty();
    }

    @Test
    void fixedKeysThatCannotVerifyAreRefused() {
        List<ECKey> encryptionOnly = List.of(TestKeys.ecEncryption("key-enc"));

        assertThatThrownBy(() -> new FixedKeySource("https://issuer.example", encryptionOnly,
                clock.instant()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://issuer.example");
    }

    @Test
    void argumentsAreChecked() {
        IssuerConfig config = IssuerConfig.builder("https://issuer.example")
                .sharedSecret(SECRET)
                .anyAudience()
                .build();

        assertThatThrownBy(() -> KeySources.create(null, clock, client, KeyFetchListener.NONE))
                .isInstanceOf(NullPointerException.class).hasMessage("config");
        assertThatThrownBy(() -> KeySources.create(config, null, client, KeyFetchListener.NONE))
                .isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> KeySources.create(config, clock, client, null))
                .isInstanceOf(NullPointerException.class).hasMessage("listener");
    }
}
