package io.portcullis.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One loopback HTTP server on 127.0.0.1 and an ephemeral port, hosting any number of
 * {@link TestIssuer}s under Keycloak-shaped paths ({@code /realms/<realm>}), so that one test
 * or demo can run several issuers (say {@code dev}, {@code staging} and {@code prod}) side by
 * side, each with its own keys, faults and counters.
 *
 * <pre>{@code
 * try (TestIssuerServer server = TestIssuerServer.start()) {
 *     TestIssuer dev = server.addIssuer("dev");
 *     TestIssuer prod = server.addIssuer(TestIssuer.builder().realm("prod").clock(clock));
 *     ...
 * }
 * }</pre>
 *
 * <p>Requests are answered on a pool of daemon threads, so a hanging endpoint never blocks the
 * others. {@link #stop()} and {@link #restart()} take the whole server away and bring it back
 * on the same port, as an issuer that goes down and comes back would.
 */
public final class TestIssuerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TestIssuerServer.class.getName());

    /** How long {@link #restart()} retries binding the old port, in milliseconds. */
    private static final long REBIND_TIMEOUT_MILLIS = 10_000;

    /** Pause between bind attempts on restart, in milliseconds. */
    private static final long REBIND_PAUSE_MILLIS = 50;

    private static final String REALMS_PREFIX = "/realms/";

    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9._~-]+");

    /** One run of the HTTP server, from start or restart to stop. */
    private static final class Run {
        final HttpServer server;
        final ExecutorService executor;
        volatile boolean stopping;

        Run(HttpServer server, ExecutorService executor) {
            this.server = server;
            this.executor = executor;
        }
    }

    private final Map<String, TestIssuer> issuers = new ConcurrentHashMap<>();
    private final int port;
    private Run run;
    private boolean closed;

    private TestIssuerServer() {
        this.run = bind(0);
        this.port = run.server.getAddress().getPort();
        LOG.log(System.Logger.Level.DEBUG, "test issuer server listening on {0}", baseUri());
    }

    /** Starts a server with no issuers yet on 127.0.0.1 and a free port. */
    public static TestIssuerServer start() {
        return new TestIssuerServer();
    }

    /** Adds an issuer with default settings at {@code /realms/<realm>}. */
    public TestIssuer addIssuer(String realm) {
        return addIssuer(TestIssuer.builder().realm(realm));
    }

    /**
     * Adds an issuer configured by {@code builder} at {@code /realms/<realm>}.
     *
     * @throws IllegalArgumentException if this server already has an issuer with that realm
     */
    public TestIssuer addIssuer(TestIssuer.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return attach(builder, /* ownsServer= */ false);
    }

    /**
     * Returns the issuer at {@code /realms/<realm>}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public TestIssuer issuer(String realm) {
        Objects.requireNonNull(realm, "realm");
        TestIssuer issuer = issuers.get(realm);
        if (issuer == null) {
            throw new IllegalArgumentException("no issuer with realm " + realm
                    + "; this server has " + issuers.keySet());
        }
        return issuer;
    }

    /** Returns the issuers this server hosts now. */
    public List<TestIssuer> issuers() {
        return List.copyOf(new ArrayList<>(issuers.values()));
    }

    /** Returns {@code http://127.0.0.1:<port>}, with no trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Returns the port, which stays the same across {@link #stop()} and {@link #restart()}. */
    public int port() {
        return port;
    }

    /**
     * Stops answering: the port is closed, open connections and hanging requests are dropped.
     * Issuers, keys and settings stay for {@link #restart()}.
     */
    public synchronized void stop() {
        if (run == null) {
            return;
        }
        Run stopping = run;
        run = null;
        stopping.stopping = true;
        issuers.values().forEach(TestIssuer::wakeHangingRequests);
        stopping.server.stop(0);
        stopping.executor.shutdownNow();
    }

    /**
     * Starts answering again on the same port after {@link #stop()}; does nothing if running.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws UncheckedIOException if the port could not be bound again within 10 s
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the server was closed; start a new one");
        }
        if (run == null) {
            run = bind(port);
        }
    }

    /** Returns whether the server is answering requests now. */
    public synchronized boolean isRunning() {
        return run != null;
    }

    /** Stops the server for good and drops every issuer on it. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop();
        issuers.values().forEach(TestIssuer::markClosed);
        issuers.clear();
    }

    TestIssuer attach(TestIssuer.Builder builder, boolean ownsServer) {
        String realm = builder.realmName();
        if (!REALM.matcher(realm).matches() || realm.equals(".") || realm.equals("..")) {
            throw new IllegalArgumentException("realm must be one path segment of letters, "
                    + "digits, '.', '_', '~' or '-': " + realm);
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the server was closed");
            }
            if (issuers.containsKey(realm)) {
                throw new IllegalArgumentException("this server already has realm " + realm);
            }
        }
        TestIssuer issuer = new TestIssuer(this, builder, ownsServer);
        if (issuers.putIfAbsent(realm, issuer) != null) {
            throw new IllegalArgumentException("this server already has realm " + realm);
        }
        return issuer;
    }

    void detach(TestIssuer issuer) {
        issuers.remove(issuer.realm(), issuer);
    }

    private Run bind(int wantedPort) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REBIND_TIMEOUT_MILLIS);
        while (true) {
            try {
                return tryBind(wantedPort);
            } catch (BindException e) {
                if (wantedPort == 0 || System.nanoTime() > deadline) {
                    throw new UncheckedIOException("could not bind 127.0.0.1:" + wantedPort, e);
                }
                pauseBeforeRebind(e);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test issuer server", e);
            }
        }
    }

    private Run tryBind(int wantedPort) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, wantedPort), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-issuer-"
                    + server.getAddress().getPort() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Run started = new Run(server, executor);
        server.setExecutor(executor);
        server.createContext("/", exchange -> route(exchange, started));
        server.start();
        return started;
    }

    private static void pauseBeforeRebind(BindException cause) {
        try {
            Thread.sleep(REBIND_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("interrupted while binding again", cause);
        }
    }

    private void route(HttpExchange exchange, Run current) {
        try {
            String path = exchange.getRequestURI().getRawPath();
            TestIssuer issuer = null;
            String subPath = "";
            if (path.startsWith(REALMS_PREFIX)) {
                String rest = path.substring(REALMS_PREFIX.length());
                int slash = rest.indexOf('/');
                issuer = slash < 0 ? null : issuers.get(rest.substring(0, slash));
                subPath = slash < 0 ? "" : rest.substring(slash);
            }
            if (issuer == null) {
                Replies.notFound(exchange);
                return;
            }
            TestIssuer target = issuer;
            target.endpoints().handle(exchange, subPath,
                    () -> current.stopping || target.isClosed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Replies.drop(exchange);
        } catch (IOException | RuntimeException e) {
            // The client went away or a token customizer threw: answer 500 if still possible.
            LOG.log(System.Logger.Level.DEBUG, "test issuer request failed", e);
            answerServerError(exchange);
        }
    }

    private static void answerServerError(HttpExchange exchange) {
        try {
            Replies.send(exchange, 500, "text/plain", "test issuer failed");
        } catch (IOException | RuntimeException e) {
            Replies.drop(exchange);
        }
    }
}
