package io.portcullis.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths written to slip past a rule: the policy must judge the path the router routes, so a
 * protected handler never runs for a caller the rule refuses, however the path is spelt.
 */
class PathTricksTest {

    /** Spellings of {@code /admin}, or of paths the router might take for it. */
    static final List<String> TRICKS = List.of(
            "/admin",
            "/public/../admin",
            "/public/%2e%2e/admin",
            "/public/%2E%2E/admin",
            "/public/./../admin",
            "/public/../../admin",
            "/./admin",
            "//admin",
            "/admin/",
            "/%61dmin",
            "/admin;x=y",
            "/public/..;/admin",
            "/public/..%2Fadmin",
            "/public%2F..%2Fadmin",
            "/public/%2e%2e%2fadmin",
            "/public/..%5Cadmin",
            "/public/..\\admin",
            "/ADMIN");

    @TempDir
    static Path dir;

    static TestIssuer issuer;
    static Portcullis portcullis;
    static WebServer server;
    static final AtomicInteger adminCalls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.builder().tokenDefaults(t -> t.audience(TestPolicy.AUDIENCE))
                .start();
        portcullis = Portcullis.fromPolicy(TestPolicy.write(dir, issuer));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        PortcullisHandler handler = PortcullisHandler.create(vertx, portcullis);
        server = WebServer.start(vertx, router -> {
            router.route().handler(handler);
            router.route("/admin").handler(ctx -> {
                adminCalls.incrementAndGet();
                ctx.end("admin");
            });
            router.route("/public/*").handler(ctx -> ctx.end("public"));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
        portcullis.close();
        issuer.close();
    }

    @Test
    void noSpellingOfAProtectedPathReachesItsHandlerWithoutTheRole() {
        String user = issuer.token().realmRoles("user").sign();
        int before = adminCalls.get();

        for (String path : TRICKS) {
            Http.Response anonymous = request(path, null);
            Http.Response withoutRole = request(path, user);

            assertThat(anonymous.status).as("no token, %s", path).isIn(400, 401, 403);
            assertThat(withoutRole.status).as("no admin role, %s", path).isIn(400, 403);
        }
        assertThat(adminCalls.get()).isEqualTo(before);
    }

    /** The tricks are real: the router takes some of them to the admin handler. */
    @Test
    void theRouterTakesTrickPathsToTheProtectedHandlerForACallerWithTheRole() {
        String admin = issuer.token().realmRoles("admin").sign();
        int before = adminCalls.get();
        List<String> reached = new ArrayList<>();

        for (String path : TRICKS) {
            Http.Response response = request(path, admin);
            if (response.status == 200 && response.body.equals("admin")) {
                reached.add(path);
            }
        }

        assertThat(reached).contains("/admin", "/public/../admin", "/public/%2e%2e/admin",
                "/%61dmin");
        assertThat(adminCalls.get()).isEqualTo(before + reached.size());
    }

    /** Nothing a client sends makes the server fail or show a stack trace. */
    @Test
    void hostileRequestsAreAnsweredWithoutServerErrors() {
        String valid = issuer.token().realmRoles("admin").sign();
        String oddClaims = issuer.token().claim("realm_access", List.of("admin"))
                .claim("tenant", Map.of("id", 7, "tags", List.of(1, "x", Map.of())))
                .sign();
        List<String[]> requests = List.of(
                head("GET /orders?x=%zz&%=1 HTTP/1.1"),
                head("GET /%zz HTTP/1.1"),
                head("GET /public/%00 HTTP/1.1"),
                head("GET /adm\u00ffin HTTP/1.1"),
                head("GET http://127.0.0.1/admin HTTP/1.1"),
                head("GET * HTTP/1.1"),
                head("GET /admin HTTP/1.1", "Authorization: Bearer " + "a".repeat(20_000)),
                head("GET /admin HTTP/1.1", "Authorization: Bearer a.b.c"),
                head("GET /admin HTTP/1.1", "Authorization: Bearer eyJhbGciOiJub25lIn0.e30."),
                head("GET /admin HTTP/1.1", "Authorization: Bearer \u00ff\u00fe"),
                head("GET /admin HTTP/1.1", "Authorization: Bearer"),
                head("GET /admin HTTP/1.1", "Authorization: bearer " + valid),
                head("GET /admin HTTP/1.1", "Authorization: Bearer " + oddClaims),
                head("DELETE /admin HTTP/1.1", "Authorization: Bearer " + oddClaims),
                head("get /admin HTTP/1.1", "Authorization: Bearer " + valid),
                head("GET /me/x HTTP/1.1", "Authorization: Bearer " + oddClaims));

        for (String[] request : requests) {
            Http.Response response = Http.raw(server.port(), request);

            assertThat(response.status).as(request[0]).isLessThan(500);
            assertThat(response.body).as(request[0]).doesNotContain("Exception", "\tat ");
        }
    }

    private static Http.Response request(String path, String token) {
        return token == null ? Http.raw(server.port(), head("GET " + path + " HTTP/1.1"))
                : Http.raw(server.port(), head("GET " + path + " HTTP/1.1",
                        "Authorization: Bearer " + token));
    }

    private static String[] head(String requestLine, String... headers) {
        String[] head = new String[headers.length + 2];
        head[0] = requestLine;
        head[1] = "Host: 127.0.0.1";
        System.arraycopy(headers, 0, head, 2, headers.length);
        return head;
    }
}
