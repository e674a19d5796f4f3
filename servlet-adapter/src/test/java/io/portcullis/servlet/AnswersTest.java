package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every answer of the filter over real HTTP, with its exact status, headers and body. */
class AnswersTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    @TempDir
    Path dir;

    Portcullis gate;
    Probe probe = new Probe();
    Site site;

    @BeforeEach
    void start() throws Exception {
        gate = Portcullis.fromPolicy(Policies.write(dir, issuer.issuer(), Policies.SHOP_RULES)
                .toString());
        site = start(gate);
    }

    Site start(Portcullis portcullis) throws Exception {
        return Site.start("/", context -> {
            Site.guard(context, new PortcullisFilter(portcullis));
            context.addServlet(new ServletHolder(probe), "/");
        });
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
        gate.close();
    }

    static void assertProblem(HttpResponse<String> response, int status, String title,
            String detail, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().allValues("Content-Type"))
                .containsExactly("application/problem+json");
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"reason\":\""
                + reason + "\"}");
    }

    static void assertProblem(RawHttp.Response response, int status, String title,
            String detail, String reason) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"reason\":\""
                + reason + "\"}");
    }

    @Test
    void allowsAValidTokenThrough() throws Exception {
        String token = issuer.token().subject("alice").scope("orders:read").sign();
        HttpResponse<String> response = site.get("/orders", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("principal=alice\n");
        assertThat(probe.calls()).isEqualTo(1);
    }

    @Test
    void withoutATokenTheChallengeHasNoErrorCode() throws Exception {
        HttpResponse<String> response = site.get("/orders");

        assertProblem(response, 401, "Unauthorized", "A bearer token is required",
                "missing_token");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void anExpiredTokenIsInvalidToken() throws Exception {
        String token = issuer.token().scope("orders:read").expiresIn(Duration.ofMinutes(-5))
                .sign();
        HttpResponse<String> response = site.get("/orders", "Authorization", "Bearer " + token);

        assertProblem(response, 401, "Unauthorized", "The token has expired", "expired");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer "
                + "realm=\"portcullis\", error=\"invalid_token\", "
                + "error_description=\"The token has expired\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void aForgedSignatureIsInvalidToken() throws Exception {
        String token = issuer.token().scope("orders:read").signedWithForeignKey().sign();
        HttpResponse<String> response = site.get("/orders", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"portcullis\", error=\"invalid_token\", "
                        + "error_description=\"");
        assertThat(response.body()).endsWith(",\"reason\":\"signature\"}");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void aMissingScopeIsInsufficientScopeNamingIt() throws Exception {
        String token = issuer.token().scope("profile").sign();
        HttpResponse<String> response = site.get("/orders", "Authorization", "Bearer " + token);

        assertProblem(response, 403, "Forbidden",
                "The token does not grant access to this resource", "scopes");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer "
                + "realm=\"portcullis\", error=\"insufficient_scope\", "
                + "error_description=\"The token does not grant access to this resource\", "
                + "scope=\"orders:read\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void twoAuthorizationHeadersAreInvalidRequest() throws Exception {
        String token = issuer.token().scope("orders:read").sign();
        RawHttp.Response response = site.raw("/orders", "Authorization: Bearer " + token,
                "Authorization: Bearer " + token);

        assertProblem(response, 400, "Bad Request",
                "The request has more than one Authorization header", "invalid_request");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"portcullis\", "
                + "error=\"invalid_request\", "
                + "error_description=\"The request has more than one Authorization header\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void anEmptyTokenIsInvalidRequest() throws Exception {
        RawHttp.Response response = site.raw("/orders", "Authorization: Bearer ");

        assertProblem(response, 400, "Bad Request", "The bearer token is empty",
                "invalid_request");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"portcullis\", "
                + "error=\"invalid_request\", error_description=\"The bearer token is empty\"");
    }

    @Test
    void anotherSchemeIsAnsweredLikeNoToken() throws Exception {
        HttpResponse<String> response = site.get("/orders", "Authorization",
                "Basic YWxpY2U6c2VjcmV0");

        assertProblem(response, 401, "Unauthorized", "A bearer token is required",
                "missing_token");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void aTokenInTheQueryStringIsNeverRead() throws Exception {
        String token = issuer.token().scope("orders:read").sign();
        HttpResponse<String> response = site.get("/orders?access_token=" + token);

        assertProblem(response, 401, "Unauthorized", "A bearer token is required",
                "missing_token");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void aPublicRouteIgnoresWhateverAuthorizationItCarries() throws Exception {
        HttpResponse<String> response = site.get("/health", "Authorization", "Basic abc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("principal=null\n");
        assertThat(probe.calls()).isEqualTo(1);
    }

    @Test
    void aPathNoRuleMatchesIsForbidden() throws Exception {
        String token = issuer.token().scope("orders:read").sign();
        HttpResponse<String> response = site.get("/reports", "Authorization", "Bearer " + token);

        assertProblem(response, 403, "Forbidden",
                "The token does not grant access to this resource", "unmatched");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer "
                + "realm=\"portcullis\", error=\"insufficient_scope\", "
                + "error_description=\"The token does not grant access to this resource\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void aPathNoRuleMatchesIsForbiddenWithoutATokenToo() throws Exception {
        HttpResponse<String> response = site.get("/reports");

        assertProblem(response, 403, "Forbidden", "No rule allows this request", "unmatched");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void unavailableKeysAre503WithRetryAfterAndNoChallenge() throws Exception {
        site.close();
        issuer.stop();
        try (Portcullis cold = Portcullis.fromPolicy(dir.resolve("policy.yaml").toString());
                Site coldSite = start(cold)) {
            String token = issuer.token().scope("orders:read").sign();
            HttpResponse<String> response = coldSite.get("/orders",
                    "Authorization", "Bearer " + token);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().allValues("Retry-After")).containsExactly("30");
            assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
            assertThat(response.headers().allValues("Content-Type"))
                    .containsExactly("application/problem+json");
            assertThat(response.body()).startsWith("{\"type\":\"about:blank\","
                    + "\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"")
                    .endsWith("\",\"reason\":\"keys_unavailable\"}");
            assertThat(probe.calls()).isZero();
        }
    }
}
