package io.portcullis.testkit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A loopback OpenID Connect issuer for tests, shaped like a Keycloak realm: it serves discovery,
 * a JWKS and a small token endpoint over real HTTP on 127.0.0.1, mints tokens signed with its
 * keys, rotates and retires keys, and simulates outages.
 *
 * <pre>{@code
 * try (TestIssuer issuer = TestIssuer.start()) {
 *     String token = issuer.token().subject("alice").realmRoles("admin").sign();
 *     // point the code under test at issuer.issuer() / issuer.jwksUri()
 * }
 * }</pre>
 *
 * <p>With the default realm {@code test}, the issuer id is
 * {@code http://127.0.0.1:<port>/realms/test}; discovery is at
 * {@code <issuer>/.well-known/openid-configuration}, the JWKS at
 * {@code <issuer>/protocol/openid-connect/certs} and the token endpoint at
 * {@code <issuer>/protocol/openid-connect/token}. Several issuers can share one server through
 * {@link TestIssuerServer}.
 *
 * <p>Keys: the issuer starts with one RS256 RSA-2048 signing key under a random {@code kid}. The
 * JWKS lists public parts only, each with {@code kid}, {@code use: sig} and {@code alg}, plus (by
 * default, as Keycloak does) one {@code RSA-OAEP} key with {@code use: enc} that a validator must
 * not use for signatures. HMAC secrets never appear in the JWKS.
 *
 * <p>Faults ({@link #failWith}, {@link #hang}, {@link #serveGarbage}, {@link #serveJwks},
 * {@link #serveDiscovery}) apply to the discovery and JWKS endpoints only, until
 * {@link #recover()}; the token endpoint always answers. All methods are thread-safe.
 */
public final class TestIssuer implements AutoCloseable {

    /** Default token lifetime, as Keycloak's access token lifespan: 300 s. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** Default JWKS {@code Cache-Control}, as Keycloak sends it. */
    public static final String DEFAULT_CACHE_CONTROL = "no-cache";

    /** Default realm name, giving the issuer path {@code /realms/test}. */
    public static final String DEFAULT_REALM = "test";

    /** Length of the generated HMAC shared secret, in bytes (enough for HS512). */
    private static final int SHARED_SECRET_BYTES = 64;

    private final TestIssuerServer server;
    private final boolean ownsServer;
    private final String realm;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final Consumer<TokenBuilder> tokenDefaults;
    private final String defaultCacheControl;
    private final KeyRing keys;
    private final byte[] sharedSecret;
    private final Faults faults = new Faults();
    private final TokenEndpoint tokenEndpoint;
    private final IssuerEndpoints endpoints;
    private volatile String cacheControl;
    private volatile boolean closed;

    TestIssuer(TestIssuerServer server, Builder builder, boolean ownsServer) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.realm = builder.realm;
        this.clock = builder.clock;
        this.tokenLifetime = builder.tokenLifetime;
        this.tokenDefaults = builder.tokenDefaults;
        this.defaultCacheControl = builder.cacheControl;
        this.cacheControl = builder.cacheControl;
        this.keys = new KeyRing(builder.signingAlgorithm, builder.encryptionKey);
        this.sharedSecret = Algorithms.randomBytes(SHARED_SECRET_BYTES);
        this.tokenEndpoint = new TokenEndpoint(this);
        this.endpoints = new IssuerEndpoints(this, faults, tokenEndpoint);
    }

    /** Starts an issuer with default settings on its own server. */
    public static TestIssuer start() {
        return builder().start();
    }

    /** Returns a builder for an issuer with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- identity and endpoints ----

    /** Returns the issuer id, the exact {@code iss} of minted tokens. */
    public String issuer() {
        return server.baseUri() + "/realms/" + realm;
    }

    /** Returns the OIDC discovery document's address (OIDC Discovery 1.0 section 4). */
    public URI discoveryUri() {
        return URI.create(issuer() + IssuerEndpoints.DISCOVERY_PATH);
    }

    /** Returns the JWKS address, as the discovery document's {@code jwks_uri} gives it. */
    public URI jwksUri() {
        return URI.create(issuer() + IssuerEndpoints.JWKS_PATH);
    }

    /** Returns the token endpoint's address. */
    public URI tokenEndpoint() {
        return URI.create(issuer() + IssuerEndpoints.TOKEN_PATH);
    }

    /** Returns the realm, the last segment of the issuer's path. */
    public String realm() {
        return realm;
    }

    /** Returns the server hosting this issuer. */
    public TestIssuerServer server() {
        return server;
    }

    /** Returns the clock that gives minted tokens their {@code iat} and {@code exp}. */
    public Clock clock() {
        return clock;
    }

    // ---- minting ----

    /** Starts a token with Keycloak-like access token defaults; see {@link TokenBuilder}. */
    public TokenBuilder token() {
        TokenBuilder token = new TokenBuilder(this);
        tokenDefaults.accept(token);
        return token;
    }

    /** Starts an ID token; same as {@code token().idToken()}. */
    public TokenBuilder idToken() {
        return token().idToken();
    }

    // ---- keys ----

    /** Returns the {@code kid} of the key default tokens are signed with. */
    public String activeKeyId() {
        return keys.active().keyId();
    }

    /** Returns the algorithm of the active key. */
    public JWSAlgorithm activeAlgorithm() {
        return keys.active().algorithm;
    }

    /**
     * Makes a new key with the active key's algorithm the active one; the old key stays in the
     * JWKS.
     *
     * @return the new key's {@code kid}
     */
    public String rotateKey() {
        return keys.rotate(activeAlgorithm()).keyId();
    }

    /**
     * Makes a new key for {@code algorithm} the active one; the old key stays in the JWKS.
     *
     * @return the new key's {@code kid}
     */
    public String rotateKey(JWSAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        return keys.rotate(algorithm).keyId();
    }

    /**
     * Adds and publishes a key for {@code algorithm} without making it active.
     *
     * @return the new key's {@code kid}
     */
    public String addKey(JWSAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        return keys.add(algorithm).keyId();
    }

    /**
     * Removes a key from the JWKS. Tokens can still be signed with it through
     * {@link TokenBuilder#signedWith(String)}, as a token minted before the key left would be.
     *
     * @throws IllegalArgumentException if the issuer has no such key
     * @throws IllegalStateException if it is the active key: rotate first
     */
    public void retireKey(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        keys.retire(keyId);
    }

    /** Returns the {@code kid}s of the signing keys the JWKS lists, oldest first. */
    public List<String> publishedKeyIds() {
        return keys.publishedKeyIds();
    }

    /** Returns the {@code kid} of the published {@code RSA-OAEP} encryption key, if enabled. */
    public Optional<String> encryptionKeyId() {
        return keys.encryptionKeyId();
    }

    /** Returns the JWKS as served (public keys only), for tests that skip HTTP. */
    public JWKSet publicJwks() {
        return keys.publicJwks();
    }

    /** Returns a copy of the 64-byte secret that HS256, HS384 and HS512 tokens use by default. */
    public byte[] sharedSecret() {
        return sharedSecret.clone();
    }

    // ---- token endpoint ----

    /** Registers a confidential client for the client credentials grant. */
    public void registerClient(String clientId, String secret) {
        registerClient(clientId, secret, token -> { });
    }

    /**
     * Registers a client; {@code claims} shapes each token it gets (roles, audience, anything).
     * A {@code null} secret makes a public client that may use the password grant only. A token
     * it gets has {@code azp} and {@code client_id} set to the client id, a fixed {@code sub} and
     * {@code preferred_username: service-account-<client>}, as Keycloak's service accounts do.
     */
    public void registerClient(String clientId, String secret, Consumer<TokenBuilder> claims) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(claims, "claims");
        tokenEndpoint.registerClient(clientId, secret, claims);
    }

    /** Registers a user for the password grant. */
    public void registerUser(String username, String password) {
        registerUser(username, password, token -> { });
    }

    /**
     * Registers a user for the password grant; {@code claims} shapes each token the user gets. A
     * token has a fixed {@code sub} per user and {@code preferred_username}.
     */
    public void registerUser(String username, String password, Consumer<TokenBuilder> claims) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(claims, "claims");
        tokenEndpoint.registerUser(username, password, claims);
    }

    // ---- faults ----

    /**
     * Makes discovery and JWKS answer {@code status} (300 to 599) with a short text body.
     */
    public void failWith(int status) {
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("status must be 300 to 599: " + status);
        }
        faults.failWith(status);
    }

    /**
     * Makes discovery and JWKS requests wait without an answer until {@link #recover()} (they
     * are then answered normally), {@link #stop()} or {@link #close()} (they are dropped).
     */
    public void hang() {
        faults.hang();
    }

    /** Makes discovery and JWKS answer 200, {@code application/json}, with an HTML body. */
    public void serveGarbage() {
        faults.serveGarbage();
    }

    /** Serves {@code body} as the JWKS, verbatim, until {@link #recover()}. */
    public void serveJwks(String body) {
        faults.serveJwks(Objects.requireNonNull(body, "body"));
    }

    /** Serves {@code body} as the discovery document, verbatim, until {@link #recover()}. */
    public void serveDiscovery(String body) {
        faults.serveDiscovery(Objects.requireNonNull(body, "body"));
    }

    /** Ends any fault or served override; hanging requests are then answered normally. */
    public void recover() {
        faults.recover();
    }

    /** Sets the JWKS {@code Cache-Control} header; {@code null} sends none. */
    public void cacheControl(String value) {
        this.cacheControl = value;
    }

    /** Returns how many requests reached the JWKS endpoint, faulted ones included. */
    public int jwksRequests() {
        return endpoints.jwksRequests.get();
    }

    /** Returns how many requests reached the discovery endpoint, faulted ones included. */
    public int discoveryRequests() {
        return endpoints.discoveryRequests.get();
    }

    /** Returns how many requests reached the token endpoint. */
    public int tokenRequests() {
        return endpoints.tokenRequests.get();
    }

    /** Sets every request counter back to zero. */
    public void resetCounts() {
        endpoints.jwksRequests.set(0);
        endpoints.discoveryRequests.set(0);
        endpoints.tokenRequests.set(0);
    }

    /**
     * Brings the issuer back to a healthy state between tests: ends faults and overrides, sets
     * the configured {@code Cache-Control} again, zeroes the counters and restarts a stopped
     * server. Keys, clients and users stay.
     */
    public void reset() {
        recover();
        cacheControl = defaultCacheControl;
        resetCounts();
        if (!closed) {
            server.restart();
        }
    }

    // ---- lifecycle ----

    /**
     * Stops the server hosting this issuer, as if it went down: connections are refused until
     * {@link #restart()}. Limitation: every issuer on a shared server goes away with it; give an
     * issuer its own server to take it down alone.
     */
    public void stop() {
        server.stop();
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public void restart() {
        server.restart();
    }

    /** Returns whether the server hosting this issuer is answering. */
    public boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Closes the issuer: an issuer started on its own server stops that server; one added to a
     * shared server leaves it (its paths answer 404) while the others stay. Hanging requests are
     * dropped.
     */
    @Override
    public void close() {
        if (ownsServer) {
            server.close();
            return;
        }
        markClosed();
        server.detach(this);
    }

    @Override
    public String toString() {
        return "TestIssuer[" + issuer() + "]";
    }

    // ---- package-private collaborators ----

    KeyRing keys() {
        return keys;
    }

    IssuerEndpoints endpoints() {
        return endpoints;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    String cacheControl() {
        return cacheControl;
    }

    byte[] sharedSecretUnsafe() {
        return sharedSecret;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
        faults.wakeAll();
    }

    void wakeHangingRequests() {
        faults.wakeAll();
    }

    /** Settings for a new {@link TestIssuer}; a builder may start several issuers. */
    public static final class Builder {

        private String realm = DEFAULT_REALM;
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private JWSAlgorithm signingAlgorithm = JWSAlgorithm.RS256;
        private boolean encryptionKey = true;
        private String cacheControl = DEFAULT_CACHE_CONTROL;
        private Consumer<TokenBuilder> tokenDefaults = token -> { };

        private Builder() {
        }

        /** Sets the realm, giving the issuer {@code http://127.0.0.1:<port>/realms/<realm>}. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** Sets the clock minted tokens take {@code iat} and {@code exp} from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the default token lifetime ({@code exp - iat}); 300 s unless set. */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** Sets the algorithm of the first signing key; RS256 unless set. */
        public Builder signingAlgorithm(JWSAlgorithm algorithm) {
            Objects.requireNonNull(algorithm, "algorithm");
            if (!Algorithms.ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException("the first signing key needs an asymmetric "
                        + "algorithm, one of " + Algorithms.ASYMMETRIC + ": " + algorithm);
            }
            this.signingAlgorithm = algorithm;
            return this;
        }

        /**
         * Sets whether the JWKS also lists an {@code RSA-OAEP} key with {@code use: enc}, as
         * Keycloak's does; on unless set.
         */
        public Builder encryptionKey(boolean publish) {
            this.encryptionKey = publish;
            return this;
        }

        /** Sets the JWKS {@code Cache-Control} header; {@code no-cache} unless set. */
        public Builder cacheControl(String value) {
            this.cacheControl = value;
            return this;
        }

        /**
         * Sets claims every token of this issuer starts with, minted or from the token endpoint,
         * for instance {@code t -> t.audience("orders-api")}.
         */
        public Builder tokenDefaults(Consumer<TokenBuilder> defaults) {
            this.tokenDefaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** Starts the issuer on a server of its own. */
        public TestIssuer start() {
            TestIssuerServer server = TestIssuerServer.start();
            try {
                return server.attach(this, /* ownsServer= */ true);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        String realmName() {
            return realm;
        }
    }
}
