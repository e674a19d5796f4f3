package io.portcullis.vertx;

import static io.portcullis.vertx.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portcullis.Portcullis;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerServer;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenValidator;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event loop is never blocked: cached keys decide a request within the handler's own call,
 * a key fetch runs elsewhere and the request comes back to its own event loop, and a JWKS
 * endpoint that takes 5 s neither trips Vert.x's blocked-thread checker nor stalls other
 * requests on the same (single) event loop.
 */
class EventLoopTest {

    /** How long the slow JWKS endpoint takes to answer. */
    static final Duration SLOW_JWKS = Duration.ofSeconds(5);
    static final long TIMEOUT_SECONDS = 30;

    static TestIssuerServer issuers;
    static TestIssuer first;
    static TestIssuer warm;
    static TestIssuer slow;
    static Portcullis portcullis;
    static WebServer server;
    static BlockedThreadWarnings blocked;

    /** What the application handler saw; written on the event loop, read by the test. */
    static final AtomicReference<Seen> seen = new AtomicReference<>();
    /** True while the first handler of the router is on the stack. */
    static boolean withinArrivalCall;

    /** Where a request arrived and where the application handled it. */
    static final class Seen {
        final Thread arrivalThread;
        final Context arrivalContext;
        Thread handlerThread;
        Context handlerContext;
        boolean sameCall;

        Seen(Thread arrivalThread, Context arrivalContext) {
            this.arrivalThread = arrivalThread;
            this.arrivalContext = arrivalContext;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        issuers = TestIssuerServer.start();
        first = issuer("first");
        warm = issuer("warm");
        slow = issuer("slow");
        // The key fetch waits up to 30 s for an answer, so the 5 s JWKS is slow, not failed.
        KeySourceSettings patient = KeySourceSettings.builder()
                .readTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
        TokenValidator.Builder validator = TokenValidator.builder();
        for (TestIssuer issuer : new TestIssuer[] {first, warm, slow}) {
            validator.issuer(IssuerConfig.builder(issuer.issuer()).jwksUri(issuer.jwksUri())
                    .audiences(TestPolicy.AUDIENCE).keySourceSettings(patient).build());
        }
        TokenValidator built = validator.build();
        portcullis = Portcullis.builder().validator(built).closing(built)
                .policy(PolicyLoader.defaults().parse(TestPolicy.text(), "test policy"))
                .build();

        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setBlockedThreadCheckInterval(100)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(200)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        blocked = BlockedThreadWarnings.catchFrom();
        PortcullisHandler handler = PortcullisHandler.create(vertx, portcullis);
        server = WebServer.start(vertx, router -> {
            router.route().handler(EventLoopTest::arrive);
            router.route().handler(handler);
            router.get("/health").handler(ctx -> ctx.end("up"));
            router.get("/orders").handler(ctx -> {
                Seen request = ctx.get(Seen.class.getName());
                request.handlerThread = Thread.currentThread();
                request.handlerContext = Vertx.currentContext();
                request.sameCall = withinArrivalCall;
                seen.set(request);
                ctx.end("orders");
            });
            router.get("/public/block").handler(ctx -> {
                // Deliberately blocks the event loop, to show the checker is heard.
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                ctx.end("blocked");
            });
        });
    }

    private static TestIssuer issuer(String realm) {
        return issuers.addIssuer(TestIssuer.builder().realm(realm)
                .tokenDefaults(t -> t.audience(TestPolicy.AUDIENCE)));
    }

    private static void arrive(RoutingContext ctx) {
        ctx.put(Seen.class.getName(), new Seen(Thread.currentThread(), Vertx.currentContext()));
        withinArrivalCall = true;
        try {
            ctx.next();
        } finally {
            withinArrivalCall = false;
        }
    }

    @AfterAll
    static void stop() {
        blocked.close();
        server.close();
        portcullis.close();
        issuers.close();
    }

    @BeforeEach
    void clear() {
        seen.set(null);
        blocked.clear();
    }

    @AfterEach
    void recoverIssuers() {
        slow.recover();
    }

    /**
     * Waits for the fetch a key source starts when it is made, then rotates the issuer's key,
     * so that the next token names a key id the held keys lack and must wait for a refetch.
     */
    private static void rotateAfterFirstFetch(TestIssuer issuer) {
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> portcullis.validator()
                .keyStatus().stream()
                .anyMatch(status -> status.issuer().equals(issuer.issuer()) && status.hasKeys()));
        issuer.rotateKey();
    }

    @Test
    void cachedKeysDecideOnTheEventLoopWithinTheSameCall() {
        rotateAfterFirstFetch(first);
        Http.Response fetching = Http.get(server.uri("/orders"),
                bearer(first.token().scope("orders:read").sign()));
        Seen afterFetch = seen.get();
        Http.Response cached = Http.get(server.uri("/orders"),
                bearer(first.token().scope("orders:read").sign()));
        Seen withCachedKeys = seen.get();

        assertThat(fetching.status).isEqualTo(200);
        assertThat(cached.status).isEqualTo(200);
        assertThat(first.jwksRequests()).isEqualTo(2);
        // The fetch ran elsewhere; the request came back to its own event loop. (Whether it
        // came back within the arrival call depends on whether the loopback fetch finished
        // before the handler asked for its result, so that is not asserted.)
        assertThat(afterFetch.arrivalThread.getName()).startsWith("vert.x-eventloop-thread-");
        assertThat(afterFetch.handlerThread).isSameAs(afterFetch.arrivalThread);
        assertThat(afterFetch.handlerContext).isSameAs(afterFetch.arrivalContext);
        // With the keys cached, a new token was validated without any hop.
        assertThat(withCachedKeys.handlerThread).isSameAs(withCachedKeys.arrivalThread);
        assertThat(withCachedKeys.handlerContext).isSameAs(withCachedKeys.arrivalContext);
        assertThat(withCachedKeys.sameCall).isTrue();
    }

    @Test
    void slowJwksBlocksNoThreadAndStallsNoOtherRequest() throws Exception {
        // Warm up first, so that loading classes on the event loop is not mistaken for a
        // blocked thread: a whole request with a token of another issuer.
        assertThat(Http.get(server.uri("/orders"),
                bearer(warm.token().scope("orders:read").sign())).status).isEqualTo(200);
        rotateAfterFirstFetch(slow);
        String token = slow.token().scope("orders:read").sign();
        int fetches = slow.jwksRequests();
        blocked.clear();

        slow.hang();
        CompletableFuture<Http.Response> pending = Http.getAsync(server.uri("/orders"),
                bearer(token));
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS))
                .until(() -> slow.jwksRequests() > fetches);
        Instant fetchStarted = Instant.now();

        for (int i = 0; i < 5; i++) {
            Http.Response health = Http.get(server.uri("/health"));
            assertThat(health.status).isEqualTo(200);
            assertThat(pending).as("the slow request while /health answered").isNotDone();
        }
        Duration left = Duration.between(Instant.now(), fetchStarted.plus(SLOW_JWKS));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
        assertThat(pending).as("the slow request before its JWKS answered").isNotDone();
        slow.recover();

        Http.Response answered = pending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(answered.status).isEqualTo(200);
        assertThat(answered.body).isEqualTo("orders");
        assertThat(seen.get().handlerThread).isSameAs(seen.get().arrivalThread);
        assertThat(blocked.warnings()).isEmpty();
    }

    /** Shows the checker's warnings are caught, so the test above can fail. */
    @Test
    void aBlockedEventLoopIsCaught() {
        Http.Response response = Http.get(server.uri("/public/block"));

        assertThat(response.status).isEqualTo(200);
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS))
                .until(() -> !blocked.warnings().isEmpty());
        assertThat(blocked.warnings().get(0)).contains("has been blocked for");
    }
}
