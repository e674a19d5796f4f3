package io.portcullis.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real Vert.x HTTP server on 127.0.0.1 and an ephemeral port, serving one router. */
final class WebServer implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;

    private WebServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts a server on {@code vertx}, which the server closes with itself. */
    static WebServer start(Vertx vertx, Consumer<Router> routes) {
        Router router = Router.router(vertx);
        routes.accept(router);
        HttpServer server = await(vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1").setPort(0))
                .requestHandler(router)
                .listen());
        return new WebServer(vertx, server);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("A Vert.x operation did not succeed", e);
        }
    }

    Vertx vertx() {
        return vertx;
    }

    int port() {
        return server.actualPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() {
        await(server.close());
        await(vertx.close());
    }
}
