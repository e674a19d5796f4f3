package io.portcullis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.examples.AdjustableClock;
import io.portcullis.examples.ExampleService;
import io.portcullis.examples.ExampleServices;
import io.portcullis.examples.ServiceSettings;
import io.portcullis.examples.demo.DemoRealm.User;
import io.portcullis.examples.keycloak.KeycloakAdmin;
import io.portcullis.examples.keycloak.KeycloakServer;
import io.portcullis.examples.keycloak.RealmKey;
import io.portcullis.examples.keycloak.Realms;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's walk, key rotation and issuer outage against the real Keycloak: tokens from its
 * token endpoint (client credentials and password grants) sent to every kind of example
 * service, all loading the one rule file.
 */
class DemoKeycloakIT {

    /** Requests the load threads send before and after a rotation, at least. */
    private static final int REQUESTS_EACH_SIDE = 60;
    private static final int LOAD_THREADS = 4;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(DemoKeycloakIT.class);

    static KeycloakServer keycloak;

    private final List<ExampleService> services = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.shared();
    }

    @AfterEach
    void stopServices() {
        ExampleServices.closeAll(services);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", Realms.PROD_EC})
    void everyServiceGivesEveryAnswerOfTheWalk(String realm) throws Exception {
        Credentials credentials = credentials(realm);
        start(keycloak.issuer(realm), Clock.systemUTC());

        List<Row> rows = new Walk(services, credentials).run(Script.WALK);

        String table = table(rows);
        assertThat(rows).as(table)
                .filteredOn(row -> !row.isSkipped())
                .allSatisfy(row -> {
                    assertThat(row.servicesAgree()).as(row.step().request()).isTrue();
                    assertThat(row.asExpected()).as(row.step().request()).isTrue();
                });
        assertThat(rows).as(table).filteredOn(Row::isSkipped)
                .extracting(row -> row.step().caller())
                .containsExactly("expired token");
        assertThat(algorithm(credentials.token(Caller.READER))).isEqualTo(
                realm.equals(Realms.PROD_EC) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256);
    }

    @Test
    void theDemoCommandWalksARealmGivenOnItsCommandLine() throws Exception {
        List<String> args = new ArrayList<>(List.of("--issuer", keycloak.issuer("prod"),
                "--client-id", Realms.ORDERS_BATCH,
                "--client-secret", Realms.ORDERS_BATCH_SECRET,
                "--staging-issuer", keycloak.issuer("staging")));
        for (User user : User.values()) {
            args.addAll(List.of("--user", user.username() + ":" + user.defaultPassword()));
        }
        StringWriter text = new StringWriter();

        int status;
        try (PrintWriter out = new PrintWriter(text)) {
            status = Demo.run(DemoOptions.parse(args.toArray(String[]::new)), out);
        }

        log.info("The demo against Keycloak:{}{}", System.lineSeparator(), text);
        assertThat(status).as(text.toString()).isZero();
        assertThat(text.toString()).contains(Script.WALK.size() - 1 + " as expected, 0 not, "
                + "1 skipped.");
    }

    @Test
    void aKeycloakTokenPastItsLifetimeIsRefusedAsExpired() throws Exception {
        AdjustableClock clock = AdjustableClock.system();
        URI service = start(keycloak.issuer("prod"), clock);
        String token = credentials("prod").token(Caller.READER);
        assertThat(get(service, token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> refused = get(service, token);
        assertThat(Walk.answer(refused.statusCode(), refused.body()))
                .isEqualTo(new Answer(401, "expired"));
    }

    @Test
    void aKeyRotationUnderLoadFailsNoRequestAndNewKeysAreAcceptedAtOnce() throws Exception {
        String realm = "prod";
        URI service = start(keycloak.issuer(realm), Clock.systemUTC());
        Credentials credentials = credentials(realm);
        List<String> tokens = new CopyOnWriteArrayList<>(List.of(
                credentials.token(Caller.READER), credentials.token(Caller.SERVICE_ACCOUNT)));
        KeycloakAdmin admin = keycloak.admin();

        Load load = new Load(service, tokens);
        RealmKey added = null;
        try {
            load.awaitRequests(REQUESTS_EACH_SIDE);
            added = admin.addRsaKey(realm, topRsaPriority(realm) + 100);
            String signedWithNewKey = credentials.freshToken(User.READER);

            assertThat(keyId(signedWithNewKey)).isEqualTo(added.kid());
            assertThat(get(service, signedWithNewKey).statusCode()).isEqualTo(200);

            tokens.add(signedWithNewKey);
            load.awaitRequests(load.sent() + REQUESTS_EACH_SIDE);
        } finally {
            load.stop();
            if (added != null) {
                restore(realm, admin, added);
            }
        }

        assertThat(load.sent()).isGreaterThanOrEqualTo(2 * REQUESTS_EACH_SIDE);
        assertThat(load.answers()).as("status of every request under load")
                .containsOnlyKeys(200);
    }

    @Test
    void duringAnOutageKnownKeysServeAndAnUnknownKeyGets503() throws Exception {
        String realm = "prod";
        AdjustableClock clock = AdjustableClock.system();
        URI service = start(keycloak.issuer(realm), clock);
        Credentials credentials = credentials(realm);
        String seen = credentials.token(Caller.READER);
        String unseen = credentials.token(Caller.SERVICE_ACCOUNT);
        assertThat(get(service, seen).statusCode()).isEqualTo(200);
        KeycloakAdmin admin = keycloak.admin();
        RealmKey added = admin.addRsaKey(realm, topRsaPriority(realm) + 100);
        try {
            String signedWithNewKey = credentials.freshToken(User.READER);
            assertThat(keyId(signedWithNewKey)).isEqualTo(added.kid());

            keycloak.stop();

            assertThat(get(service, seen).statusCode()).isEqualTo(200);
            assertThat(get(service, unseen).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = get(service, signedWithNewKey);
            assertThat(Walk.answer(refused.statusCode(), refused.body()))
                    .isEqualTo(new Answer(503, "keys_unavailable"));
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            keycloak.restart();
            clock.advance(Demo.LATER);

            assertThat(get(service, signedWithNewKey).statusCode()).isEqualTo(200);
        } finally {
            if (!keycloak.isRunning()) {
                keycloak.restart();
            }
            restore(realm, admin, added);
        }
    }

    private URI start(String issuer, Clock clock) throws Exception {
        services.addAll(ExampleServices.startAll(new ServiceSettings(issuer, 0, clock)));
        return services.get(0).baseUri();
    }

    /** How the walk signs in to a realm of the test Keycloak; staging is the other realm. */
    private static Credentials credentials(String realm) {
        Map<User, String> passwords = new EnumMap<>(User.class);
        for (User user : User.values()) {
            passwords.put(user, user.defaultPassword());
        }
        RealmAccess access = new RealmAccess(keycloak.issuer(realm), Realms.ORDERS_BATCH,
                Realms.ORDERS_BATCH_SECRET, Realms.ORDERS_CLI, passwords,
                DemoOptions.keycloakScopes());
        return new Credentials(new TokenClient(), access,
                access.forIssuer(keycloak.issuer("staging")), null);
    }

    private static int topRsaPriority(String realm) {
        return (int) keycloak.admin().keys(realm).stream()
                .filter(k -> k.algorithm().equals("RS256") && k.status().equals("ACTIVE"))
                .mapToLong(RealmKey::priority)
                .max()
                .orElseThrow();
    }

    /** Disables an added key and waits until it has left the JWKS. */
    private static void restore(String realm, KeycloakAdmin admin, RealmKey added) {
        admin.disableKey(realm, added.componentId());
        await("kid " + added.kid() + " gone from the JWKS of " + realm)
                .atMost(Duration.ofSeconds(30))
                .until(() -> keycloak.jwks(realm).getKeyByKeyId(added.kid()) == null);
    }

    private HttpResponse<String> get(URI service, String token) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(service.resolve("/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String table(List<Row> rows) {
        StringWriter text = new StringWriter();
        Table table = new Table(new PrintWriter(text, true));
        table.headings();
        rows.forEach(table::row);
        return text.toString();
    }

    private static String keyId(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static JWSAlgorithm algorithm(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getAlgorithm();
    }

    /**
     * Threads sending {@code GET /orders} with a token drawn from a list (which may grow) until
     * stopped, counting answers by status; a request that got no answer counts as status 0.
     */
    private final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(LOAD_THREADS);
        private final List<Future<?>> workers = new ArrayList<>();

        Load(URI service, List<String> tokens) {
            for (int i = 0; i < LOAD_THREADS; i++) {
                workers.add(threads.submit(() -> {
                    while (running.get()) {
                        String token = tokens.get(
                                ThreadLocalRandom.current().nextInt(tokens.size()));
                        int status;
                        try {
                            status = get(service, token).statusCode();
                        } catch (IOException e) {
                            status = 0;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        answers.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                        sent.incrementAndGet();
                    }
                }));
            }
        }

        void awaitRequests(int count) {
            await(count + " requests under load")
                    .atMost(LOAD_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> sent.get() >= count);
        }

        int sent() {
            return sent.get();
        }

        Map<Integer, Integer> answers() {
            Map<Integer, Integer> counts = new java.util.TreeMap<>();
            answers.forEach((status, n) -> counts.put(status, n.get()));
            return counts;
        }

        void stop() throws Exception {
            running.set(false);
            threads.shutdown();
            if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                throw new AssertionError("the load threads did not stop");
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
    }
}
