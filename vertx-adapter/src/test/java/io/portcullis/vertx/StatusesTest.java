package io.portcullis.vertx;

import static io.portcullis.vertx.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.policy.RequestView;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every status the handler answers, with its exact headers and problem document. */
class StatusesTest {

    @TempDir
    static Path dir;

    static TestIssuerServer issuers;
    static TestIssuer shop;
    static TestIssuer down;
    static Portcullis portcullis;
    static WebServer server;
    static final AtomicInteger reached = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        issuers = TestIssuerServer.start();
        shop = issuers.addIssuer(TestIssuer.builder().realm("shop")
                .tokenDefaults(t -> t.audience(TestPolicy.AUDIENCE)));
        down = issuers.addIssuer(TestIssuer.builder().realm("down")
                .tokenDefaults(t -> t.audience(TestPolicy.AUDIENCE)));
        down.failWith(503);
        portcullis = Portcullis.fromPolicy(TestPolicy.write(dir, shop, down));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        PortcullisHandler handler = PortcullisHandler.create(vertx, portcullis);
        server = WebServer.start(vertx, router -> {
            router.route().handler(handler);
            router.route().handler(ctx -> {
                reached.incrementAndGet();
                ctx.next();
            });
            router.get("/health").handler(ctx -> ctx.end("up"));
            router.get("/orders").handler(ctx -> ctx.end("orders of "
                    + PortcullisHandler.principal(ctx).orElseThrow().subject()));
            router.route("/public/*").handler(ctx -> ctx.end("public"));
            router.route("/nowhere").handler(ctx -> ctx.end("nowhere"));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
        portcullis.close();
        issuers.close();
    }

    @Test
    void publicRouteNeedsNoTokenAndIgnoresABrokenOne() {
        assertThat(Http.get(server.uri("/health")).body).isEqualTo("up");
        Http.Response withGarbage = Http.get(server.uri("/health"), bearer("not-a-jwt"));
        assertThat(withGarbage.status).isEqualTo(200);
        assertThat(withGarbage.body).isEqualTo("up");
    }

    @Test
    void allowedRequestReachesTheApplicationAsItsCaller() {
        String token = shop.token().subject("alice").scope("orders:read").sign();

        Http.Response response = Http.get(server.uri("/orders"), bearer(token));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.body).isEqualTo("orders of alice");
    }

    @Test
    void missingTokenIs401WithABareChallenge() {
        int before = reached.get();

        Http.Response response = Http.get(server.uri("/orders"));

        assertThat(response.status).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\"");
        assertProblemHeaders(response);
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"A bearer token is required\","
                + "\"reason\":\"missing_token\"}");
        assertThat(reached.get()).isEqualTo(before);
    }

    @Test
    void expiredTokenIs401InvalidToken() {
        String token = shop.token().scope("orders:read").expiresIn(Duration.ofMinutes(-10))
                .sign();

        Http.Response response = Http.get(server.uri("/orders"), bearer(token));

        assertThat(response.status).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\", "
                + "error=\"invalid_token\", error_description=\"The token has expired\"");
        assertProblemHeaders(response);
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"The token has expired\",\"reason\":\"expired\"}");
    }

    @Test
    void twoAuthorizationHeadersAre400InvalidRequest() {
        String token = shop.token().scope("orders:read").sign();

        Http.Response response = Http.get(server.uri("/orders"),
                "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);

        assertThat(response.status).isEqualTo(400);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\", "
                + "error=\"invalid_request\", error_description=\"The request has more than one "
                + "Authorization header\"");
        assertProblemHeaders(response);
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
                + "\"status\":400,\"detail\":\"The request has more than one Authorization "
                + "header\",\"reason\":\"invalid_request\"}");
    }

    @Test
    void pathThatCannotBeReadSafelyIs400WithoutChallenge() {
        Http.Response response = Http.get(server.uri("/orders%2F..%2Fhealth"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.header("WWW-Authenticate")).isEmpty();
        assertProblemHeaders(response);
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
                + "\"status\":400,\"detail\":\"The request path is not accepted\","
                + "\"reason\":\"bad_path\"}");
    }

    @Test
    void missingScopeIs403InsufficientScopeNamingTheScope() {
        int before = reached.get();
        String token = shop.token().scope("profile").sign();

        Http.Response response = Http.get(server.uri("/orders"), bearer(token));

        assertThat(response.status).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\", "
                + "error=\"insufficient_scope\", error_description=\"The token does not grant "
                + "access to this resource\", scope=\"orders:read\"");
        assertProblemHeaders(response);
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"The token does not grant access to this "
                + "resource\",\"reason\":\"scopes\"}");
        assertThat(reached.get()).isEqualTo(before);
    }

    @Test
    void requestNoRuleMatchesIs403() {
        Http.Response response = Http.get(server.uri("/nowhere"));

        assertThat(response.status).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\"");
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"No rule allows this request\","
                + "\"reason\":\"unmatched\"}");
    }

    @Test
    void issuerWhoseKeysCannotBeHadIs503WithRetryAfter() {
        String token = down.token().scope("orders:read").sign();

        Http.Response response = Http.get(server.uri("/orders"), bearer(token));

        assertThat(response.status).isEqualTo(503);
        assertThat(response.header("Retry-After")).contains("30");
        assertThat(response.header("WWW-Authenticate")).isEmpty();
        assertProblemHeaders(response);
        assertThat(response.body).isEqualTo("{\"type\":\"about:blank\","
                + "\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"The issuer's keys are not available now\","
                + "\"reason\":\"keys_unavailable\"}");
    }

    /** Whatever the request, the handler answers what core's own check answers. */
    @Test
    void everyRefusalIsExactlyWhatCoreDecides() {
        String reader = shop.token().scope("orders:read").sign();
        String noScope = shop.token().scope("profile").sign();
        List<String[]> cases = List.of(
                new String[] {"/orders"},
                new String[] {"/orders", "Authorization", "Basic YTpi"},
                new String[] {"/orders", "Authorization", "Bearer "},
                new String[] {"/orders", "Authorization", "Bearer " + reader + "x"},
                new String[] {"/orders", "Authorization", "Bearer " + noScope},
                new String[] {"/orders?x=a%20b&y", "Authorization", "Bearer " + noScope},
                new String[] {"/orders", "Authorization", "Bearer " + down.token().sign()},
                new String[] {"/nowhere", "Authorization", "Bearer " + reader},
                new String[] {"/public/%2e%2e/orders"},
                new String[] {"/public/%2F"});
        for (String[] request : cases) {
            String target = request[0];
            String[] headers = java.util.Arrays.copyOfRange(request, 1, request.length);

            Http.Response response = Http.get(server.uri(target), headers);

            AccessOutcome expected = portcullis.check(view(target, headers));
            assertThat(response.status).as(target).isEqualTo(expected.status());
            for (Map.Entry<String, String> header : expected.headers().entrySet()) {
                assertThat(response.header(header.getKey())).as(target + " " + header.getKey())
                        .contains(header.getValue());
            }
            assertThat(response.body).as(target).isEqualTo(expected.body().orElseThrow());
        }
    }

    private static RequestView view(String target, String... headers) {
        int query = target.indexOf('?');
        RequestView.Builder view = RequestView.builder("GET",
                query < 0 ? target : target.substring(0, query));
        for (int i = 0; i < headers.length; i += 2) {
            view.header(headers[i], headers[i + 1]);
        }
        return view.queryString(query < 0 ? null : target.substring(query + 1)).build();
    }

    private static void assertProblemHeaders(Http.Response response) {
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }
}
