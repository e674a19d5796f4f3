package io.portcullis.vertx;

import static io.portcullis.vertx.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requirements of single routes, on top of the policy file: both must allow a request. */
class RouteRequirementsTest {

    static final String FORBIDDEN_BODY = "{\"type\":\"about:blank\",\"title\":\"Forbidden\","
            + "\"status\":403,\"detail\":\"The token does not grant access to this resource\","
            + "\"reason\":\"%s\"}";

    @TempDir
    static Path dir;

    static TestIssuer issuer;
    static Portcullis portcullis;
    static PortcullisHandler handler;
    static WebServer server;
    static final AtomicInteger reached = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.builder().tokenDefaults(t -> t.audience(TestPolicy.AUDIENCE))
                .start();
        portcullis = Portcullis.fromPolicy(TestPolicy.write(dir, issuer));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        handler = PortcullisHandler.create(vertx, portcullis);
        server = WebServer.start(vertx, router -> {
            router.route().handler(handler);
            // The file: any verified caller; the route: the realm role auditor too.
            router.get("/me/audit").handler(handler.requireRoles("auditor", "admin"))
                    .handler(RouteRequirementsTest::ok);
            // The file: the scope orders:read; the route: orders:export too.
            router.get("/orders").handler(handler.requireScopes("orders:export"))
                    .handler(RouteRequirementsTest::ok);
            // The file: public; the route: the realm role admin.
            router.get("/public/secret").handler(handler.requireRoles("admin"))
                    .handler(RouteRequirementsTest::ok);
            router.get("/me/profile").handler(handler.requirePolicy("me"))
                    .handler(RouteRequirementsTest::ok);
            // The file: the realm role admin; the route: also what the rule list-orders needs.
            router.get("/admin/orders").handler(handler.requirePolicy("list-orders"))
                    .handler(RouteRequirementsTest::ok);
        });
    }

    private static void ok(io.vertx.ext.web.RoutingContext ctx) {
        reached.incrementAndGet();
        ctx.end("ok " + (ctx.user() == null ? "anonymous" : ctx.user().subject()));
    }

    @AfterAll
    static void stop() {
        server.close();
        portcullis.close();
        issuer.close();
    }

    @Test
    void routeRoleLetsThroughACallerWithAnyOfItsRoles() {
        String auditor = issuer.token().subject("ann").realmRoles("auditor").sign();

        Http.Response response = Http.get(server.uri("/me/audit"), bearer(auditor));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.body).isEqualTo("ok ann");
    }

    @Test
    void routeRoleRefusesWithCoresInsufficientScopeAnswer() {
        int before = reached.get();
        String user = issuer.token().realmRoles("user").clientRoles("orders-service", "auditor")
                .sign();

        Http.Response response = Http.get(server.uri("/me/audit"), bearer(user));

        assertThat(response.status).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\", "
                + "error=\"insufficient_scope\", error_description=\"The token does not grant "
                + "access to this resource\"");
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.body).isEqualTo(String.format(FORBIDDEN_BODY, "roles"));
        assertThat(reached.get()).isEqualTo(before);
    }

    @Test
    void theFileRefusesFirstWhenItsRuleIsNotMet() {
        Http.Response anonymous = Http.get(server.uri("/me/audit"));
        String exporter = issuer.token().scope("orders:export").sign();
        Http.Response fileScopeMissing = Http.get(server.uri("/orders"), bearer(exporter));

        assertThat(anonymous.status).isEqualTo(401);
        assertThat(fileScopeMissing.status).isEqualTo(403);
        assertThat(fileScopeMissing.header("WWW-Authenticate").orElseThrow())
                .endsWith("scope=\"orders:read\"");
    }

    @Test
    void routeScopeIsNeededOnTopOfTheFilesScope() {
        String reader = issuer.token().scope("orders:read").sign();
        String both = issuer.token().subject("bo").scope("orders:read orders:export").sign();

        Http.Response readerOnly = Http.get(server.uri("/orders"), bearer(reader));
        Http.Response withBoth = Http.get(server.uri("/orders"), bearer(both));

        assertThat(readerOnly.status).isEqualTo(403);
        assertThat(readerOnly.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\", "
                + "error=\"insufficient_scope\", error_description=\"The token does not grant "
                + "access to this resource\", scope=\"orders:export\"");
        assertThat(readerOnly.body).isEqualTo(String.format(FORBIDDEN_BODY, "scopes"));
        assertThat(withBoth.status).isEqualTo(200);
        assertThat(withBoth.body).isEqualTo("ok bo");
    }

    /** A public rule never looks at the token, so the route's requirement validates it. */
    @Test
    void requirementOnAPublicRouteValidatesTheTokenItself() {
        String admin = issuer.token().subject("root").realmRoles("admin").sign();
        String expired = issuer.token().realmRoles("admin").expiresIn(Duration.ofMinutes(-10))
                .sign();

        Http.Response anonymous = Http.get(server.uri("/public/secret"));
        Http.Response withExpired = Http.get(server.uri("/public/secret"), bearer(expired));
        Http.Response withAdmin = Http.get(server.uri("/public/secret"), bearer(admin));

        assertThat(anonymous.status).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\"");
        assertThat(anonymous.body).contains("\"reason\":\"missing_token\"");
        assertThat(withExpired.status).isEqualTo(401);
        assertThat(withExpired.header("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"");
        assertThat(withAdmin.status).isEqualTo(200);
        assertThat(withAdmin.body).isEqualTo("ok root");
    }

    @Test
    void requirePolicyLetsThroughWhatTheNamedRuleAllowed() {
        String user = issuer.token().subject("uma").sign();

        Http.Response response = Http.get(server.uri("/me/profile"), bearer(user));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.body).isEqualTo("ok uma");
    }

    @Test
    void requirePolicyAppliesTheNamedRuleWhateverPathsItIsWrittenFor() {
        int before = reached.get();
        String admin = issuer.token().realmRoles("admin").sign();
        String adminReader = issuer.token().realmRoles("admin").scope("orders:read").sign();

        Http.Response refused = Http.get(server.uri("/admin/orders"), bearer(admin));
        Http.Response allowed = Http.get(server.uri("/admin/orders"), bearer(adminReader));

        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.header("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").endsWith("scope=\"orders:read\"");
        assertThat(refused.body).isEqualTo(String.format(FORBIDDEN_BODY, "scopes"));
        assertThat(allowed.status).isEqualTo(200);
        assertThat(reached.get()).isEqualTo(before + 1);
    }

    @Test
    void requirementsAreCheckedWhenMade() {
        assertThatThrownBy(() -> handler.requirePolicy("no-such-rule"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-rule");
        assertThatThrownBy(() -> handler.requireRoles())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handler.requireScopes("orders:read", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Names are data, never policy syntax: quotes, braces and variables stay literal. */
    @Test
    void roleNamesWithPolicySyntaxAreTakenLiterally() {
        String odd = "a\"b ${HOME} {c}: [d]";
        String token = issuer.token().realmRoles(odd).sign();
        PortcullisHandler local = PortcullisHandler.create(server.vertx(), portcullis);
        try (WebServer other = WebServer.start(
                Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)), router -> {
                    router.route().handler(local);
                    router.get("/me/odd").handler(local.requireRoles(odd))
                            .handler(RouteRequirementsTest::ok);
                    router.get("/me/home").handler(local.requireRoles("${HOME}"))
                            .handler(RouteRequirementsTest::ok);
                })) {
            assertThat(Http.get(other.uri("/me/odd"), bearer(token)).status).isEqualTo(200);
            assertThat(Http.get(other.uri("/me/home"), bearer(token)).status).isEqualTo(403);
        }
    }

    /** A gate built with another realm: the file's and the route's challenges both carry it. */
    @Test
    void routeRequirementsAnswerWithTheRealmGiven() throws Exception {
        String user = issuer.token().realmRoles("user").sign();
        try (Portcullis shop = Portcullis.fromPolicy(TestPolicy.write(dir, issuer),
                java.time.Clock.systemUTC(), builder -> builder.realm("shop"))) {
            PortcullisHandler local = PortcullisHandler.create(server.vertx(), shop);
            try (WebServer other = WebServer.start(
                    Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)), router -> {
                        router.route().handler(local);
                        router.get("/me/audit").handler(local.requireRoles("auditor"))
                                .handler(RouteRequirementsTest::ok);
                    })) {
                Http.Response fileRefusal = Http.get(other.uri("/me/audit"));
                Http.Response routeRefusal = Http.get(other.uri("/me/audit"), bearer(user));

                assertThat(fileRefusal.header("WWW-Authenticate"))
                        .contains("Bearer realm=\"shop\"");
                assertThat(routeRefusal.status).isEqualTo(403);
                assertThat(routeRefusal.header("WWW-Authenticate").orElseThrow())
                        .startsWith("Bearer realm=\"shop\", error=\"insufficient_scope\"");
            }
        }
    }
}
