package io.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.RequestView;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole gate through its public API: a policy file naming a real loopback issuer. */
class PortcullisTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .realm("prod").tokenDefaults(t -> t.audience("orders-service")));

    @TempDir
    Path dir;

    Portcullis gate;

    @BeforeEach
    void start() throws Exception {
        gate = Portcullis.fromPolicy(write("""
                version: 1
                issuers:
                  - issuer: %s
                    discovery: true
                    audiences: [orders-service]
                rules:
                  - name: health
                    match: {methods: [GET], paths: [/health]}
                    public: true
                  - name: list-orders
                    match: {methods: [GET], paths: [/orders]}
                    require:
                      scopes: {anyOf: ["orders:read"]}
                  - name: delete-order
                    match: {methods: [DELETE], paths: ["/orders/{id}"]}
                    require:
                      roles: {anyOf: [admin]}
                """.formatted(issuer.issuer())).toString());
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    Path write(String policy) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, policy);
        return file;
    }

    static RequestView get(String path, String authorization) {
        RequestView.Builder request = RequestView.builder("GET", path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    @Test
    void publicRoutesIgnoreWhateverTokenIsSent() {
        assertThat(gate.check(get("/health", null)).status()).isEqualTo(200);
        assertThat(gate.check(get("/health", "Bearer not-a-token")).status()).isEqualTo(200);
        assertThat(gate.check(get("/health", "Basic abc")).status()).isEqualTo(200);
    }

    @Test
    void allowsWithThePrincipal() {
        String token = issuer.token().subject("alice").scope("orders:read").sign();
        AccessOutcome outcome = gate.check(get("/orders", "Bearer " + token));

        assertThat(outcome.allowed()).isTrue();
        assertThat(outcome.principal().orElseThrow().subject()).isEqualTo("alice");
        assertThat(outcome.headers()).isEmpty();
        assertThat(outcome.body()).isEmpty();
    }

    @Test
    void anAbsentHeaderValueIsNoHeader() {
        // As servlet containers answer getHeader for a header that was not sent.
        RequestView request = RequestView.builder("GET", "/orders")
                .header("Authorization", null).build();
        assertThat(gate.check(request).reason()).isEqualTo("missing_token");
    }

    @Test
    void noTokenIsAChallengeWithoutAnError() {
        AccessOutcome outcome = gate.check(get("/orders", null));

        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.reason()).isEqualTo("missing_token");
        assertThat(outcome.headers()).containsEntry("WWW-Authenticate",
                "Bearer realm=\"portcullis\"");
    }

    @Test
    void malformedHeaderIsInvalidRequest() {
        AccessOutcome outcome = gate.check(RequestView.builder("GET", "/orders")
                .header("Authorization", "Bearer a").header("Authorization", "Bearer b")
                .build());

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.headers().get("WWW-Authenticate"))
                .startsWith("Bearer realm=\"portcullis\", error=\"invalid_request\"");
    }

    @Test
    void invalidTokenIsInvalidTokenWithAProblemDocument() {
        String expired = issuer.token().scope("orders:read")
                .expiresIn(Duration.ofMinutes(-5)).sign();
        AccessOutcome outcome = gate.check(get("/orders", "Bearer " + expired));

        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.reason()).isEqualTo("expired");
        assertThat(outcome.headers()).containsEntry("WWW-Authenticate", "Bearer "
                + "realm=\"portcullis\", error=\"invalid_token\", "
                + "error_description=\"The token has expired\"");
        assertThat(outcome.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(outcome.body()).contains("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"The token has expired\",\"reason\":\"expired\"}");
    }

    @Test
    void insufficientScopeNamesTheScopeNeeded() {
        String token = issuer.token().scope("profile").sign();
        AccessOutcome outcome = gate.check(get("/orders", "Bearer " + token));

        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.reason()).isEqualTo("scopes");
        assertThat(outcome.headers().get("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"").endsWith("scope=\"orders:read\"");
    }

    @Test
    void missingRoleIsForbidden() {
        String token = issuer.token().realmRoles("reader").sign();
        AccessOutcome outcome = gate.check(RequestView.builder("DELETE", "/orders/7")
                .header("Authorization", "Bearer " + token).build());

        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.reason()).isEqualTo("roles");
        assertThat(outcome.decision().orElseThrow().rule()).contains("delete-order");
    }

    @Test
    void pathTricksNeverReachAProtectedRuleUnchecked() {
        assertThat(gate.check(get("/orders/..%2F..%2Fhealth", null)).status()).isEqualTo(400);
        assertThat(gate.check(get("/health/../orders", null)).status()).isEqualTo(401);
        assertThat(gate.check(get("//orders", null)).status()).isEqualTo(401);
    }

    @Test
    void unavailableKeysAre503WithRetryAfter() throws Exception {
        issuer.stop();
        try (Portcullis cold = Portcullis.fromPolicy(dir.resolve("policy.yaml").toString())) {
            AccessOutcome outcome = cold.check(get("/orders", "Bearer "
                    + issuer.token().scope("orders:read").sign()));

            assertThat(outcome.status()).isEqualTo(503);
            assertThat(outcome.reason()).isEqualTo("keys_unavailable");
            assertThat(outcome.headers()).containsEntry("Retry-After", "30")
                    .doesNotContainKey("WWW-Authenticate");
        }
    }

    @Test
    void asyncGivesTheSameAnswers() {
        String token = issuer.token().scope("orders:read").sign();
        gate.check(get("/orders", "Bearer " + token));

        CompletableFuture<AccessOutcome> cached =
                gate.checkAsync(get("/orders", "Bearer " + token)).toCompletableFuture();
        assertThat(cached).isCompleted();
        assertThat(cached.join().status()).isEqualTo(200);
        assertThat(gate.checkAsync(get("/orders", null)).toCompletableFuture().join().status())
                .isEqualTo(401);
    }

    @Test
    void aPolicyWithoutIssuersFailsAtLoad() throws Exception {
        Path file = write("""
                version: 1
                rules:
                  - name: health
                    match: {paths: [/health]}
                    public: true
                """);
        assertThatThrownBy(() -> Portcullis.fromPolicy(file.toString()))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("names no issuer");
    }

    @Test
    void endpointRequirementsRefuseLikeTheFile() {
        TokenPrincipalFixture fixture = new TokenPrincipalFixture(issuer.token()
                .realmRoles("reader").scope("orders:read").sign(), gate);
        RequestView request = get("/orders", fixture.header());

        assertThat(gate.enforce(Requirement.anyRole("reader", "admin"), fixture.principal(),
                request).allowed()).isTrue();
        AccessOutcome roles = gate.enforce(Requirement.allRoles("reader", "admin"),
                fixture.principal(), request);
        assertThat(roles.status()).isEqualTo(403);
        assertThat(roles.reason()).isEqualTo("roles");
        AccessOutcome scopes = gate.enforce(Requirement.anyScope("orders:write"),
                fixture.principal(), request);
        assertThat(scopes.headers().get("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"").endsWith("scope=\"orders:write\"");
        assertThat(gate.enforce(Requirement.authenticated(), null, request).status())
                .isEqualTo(401);
        assertThat(gate.enforce(Requirement.denyAll(), fixture.principal(), request).status())
                .isEqualTo(403);
    }

    @Test
    void aClientRoleRequirementCountsOnlyThatClientsRoles() {
        TokenPrincipalFixture realmRole = new TokenPrincipalFixture(issuer.token()
                .realmRoles("refund").clientRoles("billing", "refund").sign(), gate);
        TokenPrincipalFixture clientRole = new TokenPrincipalFixture(issuer.token()
                .clientRoles("orders-service", "refund", "audit").sign(), gate);
        RequestView request = get("/orders", null);

        AccessOutcome refused = gate.enforce(Requirement.anyClientRole("orders-service",
                "refund"), realmRole.principal(), request);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.reason()).isEqualTo("client_roles");
        assertThat(refused.headers().get("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"").doesNotContain("scope=\"refund");
        assertThat(gate.enforce(Requirement.anyClientRole("orders-service", "refund", "x"),
                clientRole.principal(), request).allowed()).isTrue();
        assertThat(gate.enforce(Requirement.allClientRoles("orders-service", "refund", "x"),
                clientRole.principal(), request).reason()).isEqualTo("client_roles");
        assertThat(gate.enforce(Requirement.allClientRoles("orders-service", "refund",
                "audit"), clientRole.principal(), request).allowed()).isTrue();
        assertThat(gate.enforce(Requirement.anyClientRole("orders-service", "refund"), null,
                request).status()).isEqualTo(401);
        assertThat(Requirement.anyClientRole("a", "r"))
                .isNotEqualTo(Requirement.anyClientRole("b", "r"))
                .isNotEqualTo(Requirement.anyRole("r"))
                .isEqualTo(Requirement.anyClientRole("a", "r"));
        assertThatThrownBy(() -> Requirement.anyClientRole(" ", "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNamedRuleDecidesWhateverItsOwnPathSays() {
        TokenPrincipalFixture reader = new TokenPrincipalFixture(issuer.token()
                .realmRoles("reader").sign(), gate);
        TokenPrincipalFixture admin = new TokenPrincipalFixture(issuer.token()
                .realmRoles("admin").sign(), gate);
        RequestView request = get("/anything/else", null);

        assertThat(gate.enforce(Requirement.rule("delete-order"), admin.principal(), request)
                .allowed()).isTrue();
        AccessOutcome refused = gate.enforce(Requirement.rule("delete-order"),
                reader.principal(), request);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.decision().orElseThrow().rule()).contains("delete-order");
        assertThatThrownBy(() -> gate.enforce(Requirement.rule("no-such-rule"), null, request))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-rule");
    }

    /** A token and the principal the gate verified from it. */
    record TokenPrincipalFixture(String token, Portcullis gate) {
        String header() {
            return "Bearer " + token;
        }

        io.portcullis.token.TokenPrincipal principal() {
            return gate.validator().validate(token).principal();
        }
    }
}
