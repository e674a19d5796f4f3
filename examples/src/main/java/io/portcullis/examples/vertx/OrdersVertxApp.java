package io.portcullis.examples.vertx;

import io.portcullis.Portcullis;
import io.portcullis.examples.ExampleService;
import io.portcullis.examples.OrdersReplies;
import io.portcullis.examples.ServiceSettings;
import io.portcullis.token.TokenPrincipal;
import io.portcullis.vertx.PortcullisHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service on Vert.x 5: {@link PortcullisHandler} in front of every route, deciding
 * with the shared rule file on the event loop; the handlers behind it only answer what got
 * through.
 */
public final class OrdersVertxApp implements ExampleService {

    private static final Logger log = LoggerFactory.getLogger(OrdersVertxApp.class);
    private static final long START_SECONDS = 30;

    /** The name of this kind of service. */
    public static final String NAME = "vertx";

    private final Vertx vertx;
    private final Portcullis portcullis;
    private final URI baseUri;

    private OrdersVertxApp(Vertx vertx, Portcullis portcullis, int port) {
        this.vertx = vertx;
        this.portcullis = portcullis;
        this.baseUri = URI.create("http://" + ServiceSettings.HOST + ":" + port);
    }

    /** Starts the service and returns once it accepts requests. */
    public static OrdersVertxApp start(ServiceSettings settings) throws Exception {
        Objects.requireNonNull(settings, "settings");
        Portcullis portcullis = settings.portcullis();
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.route().handler(PortcullisHandler.create(vertx, portcullis));
            router.get("/health").handler(ctx -> reply(ctx, OrdersReplies.health(NAME)));
            router.route().handler(OrdersVertxApp::allowed);
            HttpServer server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.port(), ServiceSettings.HOST)
                    .toCompletionStage().toCompletableFuture()
                    .get(START_SECONDS, TimeUnit.SECONDS);
            OrdersVertxApp app = new OrdersVertxApp(vertx, portcullis, server.actualPort());
            log.info("Orders service ({}) at {} trusts {}", NAME, app.baseUri, settings.issuer());
            return app;
        } catch (Exception | Error e) {
            vertx.close();
            portcullis.close();
            throw e;
        }
    }

    private static void allowed(RoutingContext ctx) {
        TokenPrincipal caller = PortcullisHandler.principal(ctx).orElse(null);
        reply(ctx, OrdersReplies.allowed(NAME, ctx.request().method().name(),
                ctx.request().path(), caller));
    }

    private static void reply(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", OrdersReplies.JSON).end(body);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture()
                    .get(START_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Stopping the {} service at {} failed", NAME, baseUri, e);
        } finally {
            portcullis.close();
        }
    }
}
