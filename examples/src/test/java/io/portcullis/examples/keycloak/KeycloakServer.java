package io.portcullis.examples.keycloak;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak, run from the distribution Maven unpacks into {@code target/}, on
 * {@code 127.0.0.1} only, with the realms of {@link Realms} imported into a fresh database.
 *
 * <p>One instance serves a whole test run: every test class calls {@link #shared()} (typically in
 * {@code @BeforeAll}); the first call starts Keycloak, later calls return the running instance
 * and start it again if a test left it stopped. Failsafe runs all {@code *IT} classes of the module
 * in one JVM, and a shutdown hook stops Keycloak when that JVM exits, so a failed or aborted test
 * never leaves it running. Tests that change a realm (keys, users) must undo it or use a realm
 * no other test relies on.
 *
 * <p>Outage tests call {@link #stop()} and {@link #restart()}; a restart keeps the database, so
 * realms, keys and issued tokens stay valid, on the same port and issuer.
 *
 * <p>Limitation: a test JVM killed with SIGKILL runs no shutdown hook, so its Keycloak keeps
 * running until it is stopped by the process id the log names; the next run picks another port
 * and a fresh database and is not disturbed by it.
 */
public final class KeycloakServer {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);

    /** Start-up on a loaded two-core machine with a fresh database takes 15 to 70 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    private static final String ADMIN_USERNAME = "portcullis-admin";
    private static final String ADMIN_PASSWORD = "portcullis-admin-password";

    private static KeycloakServer shared;

    private final Path home;
    private final Path log;
    private final int port;
    private final Http http = new Http();
    private final KeycloakAdmin admin;

    /** Read without the lock by the shutdown hook. */
    private volatile KeycloakProcess process;
    private boolean imported;
    private RuntimeException startFailure;

    private KeycloakServer(Path home, Path log, int port) {
        this.home = home;
        this.log = log;
        this.port = port;
        this.admin = new KeycloakAdmin(this, http, ADMIN_USERNAME, ADMIN_PASSWORD);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnExit, "keycloak-stop"));
    }

    /**
     * Returns the Keycloak of this test run, running: started with freshly imported realms on the
     * first call, started again (keeping its data) if a test left it stopped.
     *
     * <p>The distribution is found at the system property {@code keycloak.home} (set by the
     * module's failsafe configuration), else under {@code target/keycloak-dist/}; the log goes to
     * {@code keycloak.log}, else {@code target/keycloak-server.log}.
     */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            shared = new KeycloakServer(distribution(), configuredLog(), freeLoopbackPort());
        }
        shared.ensureRunning();
        return shared;
    }

    /** The HTTP port on 127.0.0.1; the same across restarts. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The issuer of a realm, exactly as its tokens' {@code iss}. */
    public String issuer(String realm) {
        Objects.requireNonNull(realm, "realm");
        return baseUri() + "/realms/" + realm;
    }

    /** The realm's token endpoint. */
    public URI tokenEndpoint(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/token");
    }

    /** The realm's JWKS endpoint. */
    public URI jwksUri(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/certs");
    }

    /** The realm's OpenID Provider metadata (OIDC Discovery 1.0, section 4). */
    public Map<String, Object> discovery(String realm) {
        URI uri = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        return Http.jsonObject("discovery of realm " + realm, http.get(uri, null));
    }

    /** The realm's current JWKS, signing and encryption keys. */
    public JWKSet jwks(String realm) {
        Map<String, Object> json = Http.jsonObject("JWKS of realm " + realm,
                http.get(jwksUri(realm), null));
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("realm " + realm + " served an invalid JWKS", e);
        }
    }

    /** An access token for a confidential client's service account (RFC 6749, section 4.4). */
    public String clientCredentialsToken(String realm, String clientId, String secret) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        return token(realm, clientId, Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", secret));
    }

    /** An access token for a user through a public client (RFC 6749, section 4.3). */
    public String passwordToken(String realm, String clientId, String username, String password) {
        return passwordToken(realm, clientId, username, password, Map.of());
    }

    /**
     * An access token for a user through a public client, asking for {@code scope} (space
     * separated) on top of the client's default scopes.
     */
    public String passwordToken(String realm, String clientId, String username, String password,
            String scope) {
        Objects.requireNonNull(scope, "scope");
        return passwordToken(realm, clientId, username, password, Map.of("scope", scope));
    }

    /** An access token for one of the realms' users through {@link Realms#ORDERS_CLI}. */
    public String passwordToken(String realm, RealmUser user) {
        Objects.requireNonNull(user, "user");
        return passwordToken(realm, Realms.ORDERS_CLI, user.username(), user.password());
    }

    /** The admin API, signed in as the master realm's bootstrap admin. */
    public KeycloakAdmin admin() {
        return admin;
    }

    /** The file Keycloak's console output is appended to. */
    public Path logFile() {
        return log;
    }

    /** Returns if the Keycloak process runs (it may still be starting). */
    public boolean isRunning() {
        KeycloakProcess current = process;
        return current != null && current.isAlive();
    }

    /**
     * Stops Keycloak (SIGTERM, then SIGKILL after a grace period) and waits until it has exited.
     * Its port then refuses connections, as an issuer that is down.
     */
    public synchronized void stop() {
        KeycloakProcess current = process;
        if (current == null) {
            return;
        }
        current.stop();
        process = null;
        admin.forgetToken();
        LOG.info("Keycloak on port {} stopped", port);
    }

    /**
     * Stops Keycloak if it runs and starts it again on the same port with the same database:
     * realms, keys and sessions survive, so tokens issued before stay valid.
     */
    public synchronized void restart() {
        stop();
        if (imported) {
            launch();
        } else {
            startFresh();
        }
    }

    private synchronized void ensureRunning() {
        if (startFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this run",
                    startFailure);
        }
        if (isRunning()) {
            return;
        }
        try {
            restart();
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private void startFresh() {
        try {
            Path script = home.resolve("bin/kc.sh");
            if (!Files.isRegularFile(script)) {
                throw new IllegalStateException("no Keycloak distribution at " + home
                        + ": run 'mvn -pl examples pre-integration-test' to unpack it");
            }
            makeScriptsExecutable();
            deleteRecursively(home.resolve("data/h2"));
            deleteRecursively(home.resolve("data/import"));
            RealmImport.writeAll(home.resolve("data/import"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak at " + home, e);
        }
        launch();
        imported = true;
    }

    private void launch() {
        long began = System.nanoTime();
        KeycloakProcess started;
        try {
            started = KeycloakProcess.launch(home, port, ADMIN_USERNAME, ADMIN_PASSWORD, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + home.resolve("bin/kc.sh"), e);
        }
        process = started;

        URI ready = URI.create(issuer("master") + "/.well-known/openid-configuration");
        try {
            await("Keycloak answering " + ready)
                    .atMost(START_TIMEOUT)
                    .pollInterval(PROBE_INTERVAL)
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException(
                                    "kc.sh exited with code " + started.exitValue());
                        }
                        return http.probe(ready, PROBE_TIMEOUT) == 200;
                    });
        } catch (RuntimeException e) {
            String tail = started.logTail();
            stop();
            throw new IllegalStateException("Keycloak did not start on port " + port + " (log: "
                    + log + "); its last lines:" + System.lineSeparator() + tail, e);
        }
        LOG.info("Keycloak ready at {} (pid {}) after {} s; log: {}", baseUri(), started.pid(),
                Duration.ofNanos(System.nanoTime() - began).toSeconds(), log);
    }

    /** The unpack keeps the run bits of bin/*.sh; this restores them should a copy lose them. */
    private void makeScriptsExecutable() throws IOException {
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                if (!Files.isExecutable(script) && !script.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + script + " executable");
                }
            }
        }
    }

    private String token(String realm, String clientId, Map<String, String> form) {
        Map<String, Object> answer = Http.jsonObject(
                "token request to realm " + realm + " for client " + clientId,
                http.postForm(tokenEndpoint(realm), form));
        try {
            return JSONObjectUtils.getString(answer, "access_token");
        } catch (ParseException e) {
            throw new IllegalStateException("realm " + realm + " answered no access token", e);
        }
    }

    private String passwordToken(String realm, String clientId, String username, String password,
            Map<String, String> extra) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Map<String, String> form = new LinkedHashMap<>(Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password));
        form.putAll(extra);
        return token(realm, clientId, form);
    }

    private void stopOnExit() {
        KeycloakProcess current = process;
        if (current != null) {
            current.stop();
        }
    }

    private static Path distribution() {
        String configured = System.getProperty("keycloak.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path unpacked = Path.of("target", "keycloak-dist").toAbsolutePath();
        try (Stream<Path> dirs = Files.list(unpacked)) {
            List<Path> found = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-"))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no keycloak-* directory in " + unpacked);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no Keycloak unpacked at " + unpacked
                    + ": run 'mvn -pl examples pre-integration-test'", e);
        }
    }

    private static Path configuredLog() {
        String configured = System.getProperty("keycloak.log");
        return Path.of(configured != null ? configured : "target/keycloak-server.log")
                .toAbsolutePath();
    }

    /**
     * A port free on 127.0.0.1 right now. Keycloak needs it before it starts (the issuer names
     * it), so another process could take it in between; then the start fails, naming the port.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
