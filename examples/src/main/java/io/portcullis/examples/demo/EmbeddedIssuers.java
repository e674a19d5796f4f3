package io.portcullis.examples.demo;

import io.portcullis.examples.demo.DemoRealm.User;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerServer;
import io.portcullis.testkit.TokenBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Three issuers on one loopback server, {@code dev}, {@code staging} and {@code prod}, each with
 * its own keys, and each with the clients and users of the Keycloak realms of the end-to-end
 * tests, with the claims Keycloak would put in their tokens.
 */
final class EmbeddedIssuers implements AutoCloseable {

    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    /** How long ago an expired token expired. */
    private static final Duration EXPIRED_AGO = Duration.ofMinutes(10);

    private final TestIssuerServer server;
    private final Clock clock;

    private EmbeddedIssuers(TestIssuerServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** Starts the server and its three issuers, whose tokens take their time from clock. */
    static EmbeddedIssuers start(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        TestIssuerServer server = TestIssuerServer.start();
        try {
            for (String environment : ENVIRONMENTS) {
                TestIssuer issuer = server.addIssuer(TestIssuer.builder()
                        .realm(environment)
                        .clock(clock));
                register(issuer);
            }
            return new EmbeddedIssuers(server, clock);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Returns the issuer of an environment. */
    TestIssuer issuer(String environment) {
        return server.issuer(environment);
    }

    /** Returns how the walk signs in to an environment: the realm's default passwords. */
    RealmAccess access(String environment) {
        Map<User, String> passwords = new EnumMap<>(User.class);
        for (User user : User.values()) {
            passwords.put(user, user.defaultPassword());
        }
        return new RealmAccess(issuer(environment).issuer(), DemoRealm.BATCH_CLIENT,
                DemoRealm.BATCH_SECRET, DemoRealm.PASSWORD_CLIENT, passwords, Map.of());
    }

    /** Returns a minter signing with the keys of an environment's issuer. */
    Minter minter(String environment) {
        TestIssuer issuer = issuer(environment);
        return new Minter() {
            @Override
            public String expiredAccessToken(User user) {
                Instant now = clock.instant();
                return userToken(issuer, user)
                        .issuedAt(now.minus(EXPIRED_AGO).minus(TestIssuer.DEFAULT_TOKEN_LIFETIME))
                        .expiresAt(now.minus(EXPIRED_AGO))
                        .sign();
            }

            @Override
            public String idToken(User user) {
                return issuer.idToken()
                        .subject(subject(user))
                        .clientId(DemoRealm.PASSWORD_CLIENT)
                        .claim("preferred_username", user.username())
                        .sign();
            }

            @Override
            public String accessToken(User user) {
                return userToken(issuer, user).sign();
            }
        };
    }

    /** Returns the base address of the server, {@code http://127.0.0.1:<port>}. */
    String baseUri() {
        return server.baseUri().toString();
    }

    /** Takes every issuer down: connections to the server are refused. */
    void stop() {
        server.stop();
    }

    /** Brings every issuer back on the same port, with the same keys. */
    void restart() {
        server.restart();
    }

    @Override
    public void close() {
        server.close();
    }

    private static void register(TestIssuer issuer) {
        String realm = issuer.realm();
        issuer.registerClient(DemoRealm.BATCH_CLIENT, DemoRealm.BATCH_SECRET, token -> token
                .audience(DemoRealm.ORDERS_SERVICE, "account")
                .realmRoles("default-roles-" + realm, "reader", "writer")
                .scope("profile", "email", DemoRealm.READ, DemoRealm.WRITE));
        issuer.registerClient(DemoRealm.PASSWORD_CLIENT, null);
        for (User user : User.values()) {
            issuer.registerUser(user.username(), user.defaultPassword(),
                    token -> userClaims(token, realm, user));
        }
    }

    /**
     * The claims Keycloak gives a user of the password client: the writer's token has
     * {@code orders:write}, as Keycloak's has when the writer asks for that optional scope.
     */
    private static void userClaims(TokenBuilder token, String realm, User user) {
        List<String> roles = new ArrayList<>(List.of("default-roles-" + realm, "offline_access",
                "uma_authorization"));
        if (user.realmRole() != null) {
            roles.add(user.realmRole());
        }
        token.audience(DemoRealm.ORDERS_SERVICE, "account")
                .realmRoles(roles.toArray(String[]::new))
                .scope(user == User.WRITER
                        ? new String[] {"openid", "profile", "email", DemoRealm.READ,
                                DemoRealm.WRITE}
                        : new String[] {"openid", "profile", "email", DemoRealm.READ});
        if (user == User.REFUNDER) {
            token.clientRoles(DemoRealm.ORDERS_SERVICE, DemoRealm.REFUND_ROLE);
        }
        if (user.department() != null) {
            token.claim("department", user.department());
        }
    }

    private static TokenBuilder userToken(TestIssuer issuer, User user) {
        TokenBuilder token = issuer.token()
                .subject(subject(user))
                .clientId(DemoRealm.PASSWORD_CLIENT)
                .claim("preferred_username", user.username());
        userClaims(token, issuer.realm(), user);
        return token;
    }

    private static String subject(User user) {
        return UUID.nameUUIDFromBytes(("user:" + user.username())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
