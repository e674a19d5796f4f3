package io.portcullis.vertx;

import static io.portcullis.vertx.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authorization.PermissionBasedAuthorization;
import io.vertx.ext.auth.authorization.RoleBasedAuthorization;
import io.vertx.ext.web.handler.AuthorizationHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified caller as a Vert.x {@link User}, used by Vert.x's own authorization handler. */
class UserIntegrationTest {

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
            router.get("/me/user").handler(UserIntegrationTest::describe);
            router.get("/me/admin")
                    .handler(AuthorizationHandler.create(RoleBasedAuthorization.create("admin")))
                    .handler(ctx -> {
                        adminCalls.incrementAndGet();
                        ctx.end("admin " + ctx.user().subject());
                    });
            router.get("/me/orders")
                    .handler(AuthorizationHandler.create(
                            PermissionBasedAuthorization.create("orders:read")))
                    .handler(ctx -> ctx.end("orders"));
            router.get("/me/change").handler(UserIntegrationTest::change);
            router.get("/public/user").handler(ctx -> ctx.end(
                    ctx.user() == null ? "no user" : "user " + ctx.user().subject()));
        });
    }

    /** Answers with what application code sees of the caller. */
    private static void describe(io.vertx.ext.web.RoutingContext ctx) {
        User user = ctx.user();
        ctx.json(new JsonObject()
                .put("subject", user.subject())
                .put("principal", user.principal())
                .put("department", user.<String>get("department"))
                .put("exp", user.attributes().getLong("exp"))
                .put("claims", user.attributes().getJsonObject("accessToken"))
                .put("tokenPrincipal", PortcullisHandler.principal(ctx).orElseThrow().subject())
                .put("hasRoleUser", user.authorizations().verify(
                        RoleBasedAuthorization.create("user")))
                .put("hasClientRole", user.authorizations().verify(
                        RoleBasedAuthorization.create("refund").setResource("orders-service")))
                .put("hasScope", user.authorizations().verify(
                        PermissionBasedAuthorization.create("orders:read"))));
    }

    /** Tries to change the claims of its user, and answers with what could be changed. */
    private static void change(io.vertx.ext.web.RoutingContext ctx) {
        User user = ctx.user();
        JsonObject claims = user.attributes().getJsonObject("accessToken");
        user.attributes().put("note", "mine");
        user.principal().put("note", "mine");
        ctx.json(new JsonObject()
                .put("topLevel", refused(() -> claims.put("department", "finance")))
                .put("removal", refused(() -> claims.remove("department")))
                .put("nested", refused(() -> claims.getJsonObject("realm_access")
                        .getJsonArray("roles").add("admin")))
                .put("attributes", user.attributes().getString("note"))
                .put("principal", user.principal().getString("note")));
    }

    private static String refused(Runnable change) {
        try {
            change.run();
            return "changed";
        } catch (UnsupportedOperationException e) {
            return "refused";
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        portcullis.close();
        issuer.close();
    }

    @Test
    void theUserCarriesSubjectClaimsRolesAndScopes() {
        String token = issuer.token().subject("alice").realmRoles("user")
                .clientRoles("orders-service", "refund").scope("orders:read")
                .claim("department", "sales").claim("tenant", Map.of("id", 7, "tags",
                        List.of("a", 1)))
                .sign();

        Http.Response response = Http.get(server.uri("/me/user"), bearer(token));

        assertThat(response.status).isEqualTo(200);
        JsonObject seen = new JsonObject(response.body);
        assertThat(seen.getString("subject")).isEqualTo("alice");
        assertThat(seen.getJsonObject("principal")).isEqualTo(new JsonObject()
                .put("sub", "alice").put("iss", issuer.issuer()));
        assertThat(seen.getString("department")).isEqualTo("sales");
        assertThat(seen.getLong("exp")).isPositive();
        assertThat(seen.getJsonObject("claims").getJsonObject("tenant")).isEqualTo(
                new JsonObject().put("id", 7).put("tags", new JsonArray().add("a").add(1)));
        assertThat(seen.getJsonObject("claims").getString("sub")).isEqualTo("alice");
        assertThat(seen.getString("tokenPrincipal")).isEqualTo("alice");
        assertThat(seen.getBoolean("hasRoleUser")).isTrue();
        assertThat(seen.getBoolean("hasClientRole")).isTrue();
        assertThat(seen.getBoolean("hasScope")).isTrue();
    }

    @Test
    void theClaimsCannotBeChangedAndNothingOfOneRequestReachesTheNext() {
        String token = issuer.token().subject("alice").realmRoles("user")
                .claim("department", "sales").sign();

        Http.Response changed = Http.get(server.uri("/me/change"), bearer(token));
        Http.Response next = Http.get(server.uri("/me/user"), bearer(token));

        assertThat(changed.status).isEqualTo(200);
        assertThat(new JsonObject(changed.body)).isEqualTo(new JsonObject()
                .put("topLevel", "refused").put("removal", "refused").put("nested", "refused")
                .put("attributes", "mine").put("principal", "mine"));
        JsonObject seen = new JsonObject(next.body);
        assertThat(seen.getString("department")).isEqualTo("sales");
        assertThat(seen.getJsonObject("principal")).isEqualTo(new JsonObject()
                .put("sub", "alice").put("iss", issuer.issuer()));
        assertThat(seen.getJsonObject("claims").getJsonObject("realm_access")
                .getJsonArray("roles")).isEqualTo(new JsonArray().add("user"));
        assertThat(seen.getBoolean("hasRoleUser")).isTrue();
    }

    @Test
    void vertxAuthorizationHandlerLetsTheAdminRoleThrough() {
        String admin = issuer.token().subject("root").realmRoles("admin").sign();

        Http.Response response = Http.get(server.uri("/me/admin"), bearer(admin));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.body).isEqualTo("admin root");
    }

    @Test
    void vertxAuthorizationHandlerRefusesOthersAndAClientRoleOfTheSameName() {
        int before = adminCalls.get();
        String user = issuer.token().realmRoles("user").sign();
        String clientAdmin = issuer.token().clientRoles("orders-service", "admin").sign();

        assertThat(Http.get(server.uri("/me/admin"), bearer(user)).status).isEqualTo(403);
        assertThat(Http.get(server.uri("/me/admin"), bearer(clientAdmin)).status)
                .isEqualTo(403);
        assertThat(adminCalls.get()).isEqualTo(before);
    }

    @Test
    void scopesArePermissions() {
        String reader = issuer.token().scope("orders:read").sign();
        String other = issuer.token().scope("profile").sign();

        assertThat(Http.get(server.uri("/me/orders"), bearer(reader)).status).isEqualTo(200);
        assertThat(Http.get(server.uri("/me/orders"), bearer(other)).status).isEqualTo(403);
    }

    @Test
    void aPublicRouteHasNoUserEvenWithAToken() {
        String token = issuer.token().sign();

        assertThat(Http.get(server.uri("/public/user"), bearer(token)).body)
                .isEqualTo("no user");
    }
}
