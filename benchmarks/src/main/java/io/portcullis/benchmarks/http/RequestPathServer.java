package io.portcullis.benchmarks.http;

import io.portcullis.Portcullis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of the request-path measurement: hello-world on embedded Jetty and on Vert.x, each
 * with and without Portcullis, all on 127.0.0.1, and the loopback issuer whose JWKS the guarded
 * ones fetch over HTTP. Every server's answers are checked before it is reported ready.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.portcullis.benchmarks.http.RequestPathServer \
 *     [--info FILE] [CONFIGURATION[=PORT] ...]
 * </pre>
 *
 * <p>Configurations are {@code servlet-plain}, {@code servlet-portcullis}, {@code vertx-plain}
 * and {@code vertx-portcullis} (all four unless named), each on the given port or a free one.
 * When every check passed, the program writes {@code FILE} (Java properties): {@code token}, the
 * bearer token to send, and {@code <configuration>.url}, the URL to measure. It then serves
 * until it is terminated; it exits with status 1, writing nothing, when a check fails.
 */
public final class RequestPathServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestPathServer.class);

    private final LoopbackIssuer issuer;
    private final String token;
    private final String tokenWithoutRole;
    private final List<HelloServer> servers = new ArrayList<>();

    private RequestPathServer(LoopbackIssuer issuer) {
        this.issuer = issuer;
        this.token = issuer.token();
        this.tokenWithoutRole = issuer.tokenWithoutRole();
    }

    /**
     * Starts the issuer and a server for each of {@code ports}' configurations, on its port (0
     * for a free one), and checks every server's answers.
     *
     * @throws IllegalStateException when a server answers wrongly; everything started is closed
     */
    public static RequestPathServer start(Map<Configuration, Integer> ports) throws Exception {
        Objects.requireNonNull(ports, "ports");
        RequestPathServer started = new RequestPathServer(LoopbackIssuer.start());
        try {
            for (Map.Entry<Configuration, Integer> entry : ports.entrySet()) {
                started.servers.add(started.startServer(entry.getKey(), entry.getValue()));
            }
            AnswerCheck check = new AnswerCheck(started.token, started.tokenWithoutRole);
            for (HelloServer server : started.servers) {
                check.check(server);
            }
            return started;
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
    }

    private HelloServer startServer(Configuration configuration, int port) throws Exception {
        Portcullis portcullis = configuration.guarded() ? issuer.portcullis() : null;
        try {
            return configuration.vertx()
                    ? VertxHello.start(configuration, port, portcullis)
                    : JettyHello.start(configuration, port, portcullis);
        } catch (Exception e) {
            if (portcullis != null) {
                portcullis.close();
            }
            throw e;
        }
    }

    /** Returns the token with the role the measured path needs. */
    public String token() {
        return token;
    }

    /** Returns a valid token of the same issuer without that role. */
    public String tokenWithoutRole() {
        return tokenWithoutRole;
    }

    /** Returns the running servers, in the order they were asked for. */
    public List<HelloServer> servers() {
        return List.copyOf(servers);
    }

    /** Returns the URL of the measured path on the server of {@code configuration}. */
    public String url(Configuration configuration) {
        for (HelloServer server : servers) {
            if (server.configuration() == configuration) {
                return server.url(Hello.PATH);
            }
        }
        throw new IllegalArgumentException("Not started: " + configuration.id());
    }

    /** Stops every server, then the issuer. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (HelloServer server : servers) {
            try {
                server.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        issuer.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** Starts the servers named on the command line; see the class documentation. */
    public static void main(String[] args) throws Exception {
        Path info = null;
        Map<Configuration, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if ("--info".equals(args[i]) && i + 1 < args.length) {
                info = Path.of(args[++i]);
            } else {
                String[] nameAndPort = args[i].split("=", 2);
                ports.put(Configuration.of(nameAndPort[0]),
                        nameAndPort.length == 2 ? Integer.parseInt(nameAndPort[1]) : 0);
            }
        }
        if (ports.isEmpty()) {
            for (Configuration configuration : Configuration.values()) {
                ports.put(configuration, 0);
            }
        }

        RequestPathServer running;
        try {
            running = start(ports);
        } catch (Exception e) {
            log.error("The request-path servers did not start correctly: {}", e.toString());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "request-path-shutdown"));
        if (info != null) {
            writeInfo(running, info);
        }
        log.info("Request-path servers ready and checked: {}", running.servers.stream()
                .map(s -> s.configuration().id() + " " + s.url(Hello.PATH)).toList());
        stopped.await();
    }

    /** Writes the properties file whole, so a reader that sees it sees all of it. */
    private static void writeInfo(RequestPathServer running, Path info) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("issuer=").append(running.issuer.issuerId()).append('\n');
        text.append("token=").append(running.token).append('\n');
        for (HelloServer server : running.servers) {
            text.append(server.configuration().id()).append(".url=")
                    .append(server.url(Hello.PATH)).append('\n');
        }
        Path absolute = info.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
