package io.portcullis.vertx;

import static io.portcullis.vertx.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.PolicyLoadException;
import io.portcullis.testkit.TestIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler made from a policy file that names its issuers, loaded off the event loop. */
class FromPolicyTest {

    @TempDir
    Path dir;

    TestIssuer issuer;
    Vertx vertx;

    @BeforeEach
    void start() {
        issuer = TestIssuer.builder().tokenDefaults(t -> t.audience(TestPolicy.AUDIENCE))
                .start();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    }

    @AfterEach
    void stop() {
        WebServer.await(vertx.close());
        issuer.close();
    }

    @Test
    void handlerFromAPolicyFileGuardsARouter() {
        String location = TestPolicy.write(dir, issuer);

        try (PortcullisHandler handler = WebServer.await(
                PortcullisHandler.fromPolicy(vertx, location))) {
            WebServer server = WebServer.start(vertx, router -> {
                router.route().handler(handler);
                router.get("/orders").handler(ctx -> ctx.end("orders"));
            });
            String reader = issuer.token().scope("orders:read").sign();

            assertThat(Http.get(server.uri("/orders"), bearer(reader)).status).isEqualTo(200);
            assertThat(Http.get(server.uri("/orders")).status).isEqualTo(401);
        }
    }

    /** Loading is started from an event loop, as a verticle would, and completes there. */
    @Test
    void brokenPolicyFailsTheFutureNamingFileAndLine() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, TestPolicy.text(issuer).replace("    require:\n      scopes",
                "    requires:\n      scopes"), StandardCharsets.UTF_8);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        vertx.runOnContext(ignored -> {
            Future<PortcullisHandler> loading =
                    PortcullisHandler.fromPolicy(vertx, broken.toString());
            loading.onComplete(result -> failure.complete(result.cause()));
        });

        Throwable cause = failure.get(30, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("broken.yaml:").hasMessageContaining("requires");
    }

    @Test
    void missingFileFailsTheFuture() {
        Future<PortcullisHandler> loading = PortcullisHandler.fromPolicy(vertx,
                dir.resolve("absent.yaml").toString());

        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> loading.toCompletionStage()
                        .toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOf(PolicyLoadException.class);
    }
}
