package io.portcullis.keys;

import io.portcullis.token.IssuerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;

/** Makes the key source an {@link IssuerConfig} asks for. */
public final class KeySources {

    private KeySources() {
    }

    /**
     * Returns the key source of {@code config}: discovery, a JWKS URI, fixed keys or a shared
     * secret. A remote source starts fetching in the background and never throws for an issuer
     * that cannot be reached.
     *
     * @param clock the time freshness, stale windows and cool-downs are measured in
     * @param client the client for remote sources, made by {@link #httpClient} once and shared
     *     by all issuers; it must never follow redirects
     * @param listener told about every fetch
     * @throws IllegalArgumentException if a fetch address is not allowed or {@code client}
     *     follows redirects
     */
    public static KeySource create(IssuerConfig config, Clock clock, HttpClient client,
            KeyFetchListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(listener, "listener");
        switch (config.keysFrom()) {
            case DISCOVERY:
                return new DiscoveryKeySource(config, clock, client, listener);
            case JWKS_URI:
                URI jwksUri = config.jwksUri().orElseThrow(() -> new IllegalArgumentException(
                        "Issuer " + config.issuer() + " has no JWKS URI"));
                return new JwksKeySource(config.issuer(), jwksUri, config.keySourceSettings(),
                        clock, client, listener);
            default:
                return FixedKeySource.of(config, clock);
        }
    }

    /** Returns the key source of {@code config}, on the system clock. */
    public static KeySource create(IssuerConfig config, HttpClient client,
            KeyFetchListener listener) {
        return create(config, Clock.systemUTC(), client, listener);
    }

    /**
     * Returns the key source of {@code config}, on the system clock, with an HTTP client of its
     * own when it fetches. A service with several issuers should share one client instead.
     */
    public static KeySource create(IssuerConfig config) {
        Objects.requireNonNull(config, "config");
        switch (config.keysFrom()) {
            case DISCOVERY:
            case JWKS_URI:
                return create(config, Clock.systemUTC(), httpClient(config.keySourceSettings()),
                        KeyFetchListener.NONE);
            default:
                return FixedKeySource.of(config, Clock.systemUTC());
        }
    }

    /**
     * Returns an HTTP client fit for key sources: the connect timeout of {@code settings}, and
     * redirects never followed, since a redirect could send a fetch to an address nobody
     * configured. HTTP/1.1 is enough for a few small documents a minute. Its threads are
     * daemons that end when idle and do not hold the class loader of the request that started
     * them.
     */
    public static HttpClient httpClient(KeySourceSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return HttpClient.newBuilder()
                .executor(Executors.newCachedThreadPool(new KeyThreads("portcullis-key-fetch-")))
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Returns an HTTP client fit for key sources, with the default connect timeout. */
    public static HttpClient httpClient() {
        return httpClient(KeySourceSettings.defaults());
    }
}
