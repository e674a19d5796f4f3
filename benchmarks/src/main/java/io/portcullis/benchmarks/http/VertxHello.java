package io.portcullis.benchmarks.http;

import io.portcullis.Portcullis;
import io.portcullis.vertx.PortcullisHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x 5 HTTP server with Vert.x's defaults (event loops: twice the cores), a router with
 * the {@link Hello} routes, and, when guarded, {@link PortcullisHandler} on every route before
 * them, as the Vert.x adapter's documentation puts it.
 */
final class VertxHello implements HelloServer {

    private static final long TIMEOUT_SECONDS = 30;

    private final Configuration configuration;
    private final Vertx vertx;
    private final HttpServer server;
    private final Portcullis portcullis;

    private VertxHello(Configuration configuration, Vertx vertx, HttpServer server,
            Portcullis portcullis) {
        this.configuration = configuration;
        this.vertx = vertx;
        this.server = server;
        this.portcullis = portcullis;
    }

    /**
     * Starts the server on {@code port} (0 for any free one); a non-null {@code portcullis} is
     * put in front of the routes and closed with the server.
     */
    static VertxHello start(Configuration configuration, int port, Portcullis portcullis)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            if (portcullis != null) {
                router.route().handler(PortcullisHandler.create(vertx, portcullis));
            }
            router.get(Hello.PATH).handler(VertxHello::hello);
            router.get(Hello.PUBLIC_PATH).handler(VertxHello::hello);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost("127.0.0.1").setPort(port))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new VertxHello(configuration, vertx, server, portcullis);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    private static void hello(RoutingContext ctx) {
        ctx.response().putHeader("content-type", Hello.CONTENT_TYPE)
                .end(Hello.bodyOf(ctx.request().path()));
    }

    @Override
    public Configuration configuration() {
        return configuration;
    }

    @Override
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Vert.x did not stop", e);
        } finally {
            if (portcullis != null) {
                portcullis.close();
            }
        }
    }
}
