package io.portcullis.policy;

import static io.portcullis.policy.Principals.caller;
import static io.portcullis.policy.Principals.withClaims;
import static io.portcullis.policy.Principals.withRoles;
import static io.portcullis.policy.Principals.withScopes;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.token.TokenPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDecisionTest {

    private static final String POLICY = """
            version: 1
            rules:
              - name: health
                match: {methods: [GET], paths: [/health]}
                public: true
              - name: profile
                match: {methods: [GET], paths: [/me]}
                authenticated: true
              - name: admin
                match: {paths: ["/admin/**"]}
                require:
                  roles: {anyOf: [admin]}
              - name: list-orders
                match: {methods: [GET], paths: [/orders]}
                require:
                  scopes: {anyOf: ["orders:read", "orders:write"]}
              - name: create-order
                match: {methods: [POST], paths: [/orders]}
                require:
                  scopes: {allOf: ["orders:write", "orders:read"]}
              - name: delete-order
                match: {methods: [DELETE], paths: ["/orders/{id}"]}
                require:
                  roles: {allOf: [admin, auditor]}
              - name: refund
                match: {methods: [POST], paths: ["/orders/{id}/refund"]}
                require:
                  clientRoles:
                    orders-service: {anyOf: [refund]}
              - name: reports
                match: {methods: [GET], paths: ["/reports/**"]}
                require:
                  claims:
                    department: {equals: sales}
              - name: regions
                match: {methods: [GET], paths: ["/regions/{region}"]}
                require:
                  claims:
                    region: {oneOf: [eu, us]}
                    level: {equals: 3}
              - name: beta
                match: {methods: [GET], paths: [/beta]}
                require:
                  claims:
                    features: {contains: beta}
              - name: read-order
                match: {methods: [GET], paths: ["/orders/{id}"]}
                require:
                  anyOf:
                    - roles: {anyOf: [support]}
                    - scopes: {anyOf: ["orders:read"]}
            """;

    private final Policy policy = load(POLICY);

    static Policy load(String text) {
        try {
            return PolicyLoader.builder().environment(Map.of()).build().parse(text, "test.yaml");
        } catch (PolicyLoadException e) {
            throw new AssertionError(e);
        }
    }

    private Decision decide(TokenPrincipal principal, String method, String path) {
        return policy.decide(principal, RequestView.of(method, path));
    }

    @Test
    void allowsAPublicRuleWithoutToken() {
        Decision d = decide(null, "GET", "/health");

        assertThat(d.allowed()).isTrue();
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.rule()).contains("health");
        assertThat(d.reason()).isEqualTo(DenyReason.NONE);
        assertThat(d.auditPass()).isFalse();
    }

    @Test
    void asksForATokenWhereTheRuleNeedsACaller() {
        Decision d = decide(null, "GET", "/me");

        assertThat(d.allowed()).isFalse();
        assertThat(d.status()).isEqualTo(401);
        assertThat(d.reason()).isEqualTo(DenyReason.AUTHENTICATION);
        assertThat(d.rule()).contains("profile");
        assertThat(decide(null, "GET", "/admin/x").status()).isEqualTo(401);
        assertThat(decide(withRoles(), "GET", "/me").allowed()).isTrue();
    }

    @Test
    void checksRoles() {
        assertThat(decide(withRoles("admin"), "GET", "/admin/users").allowed()).isTrue();

        Decision d = decide(withRoles("user"), "GET", "/admin/users");
        assertThat(d.status()).isEqualTo(403);
        assertThat(d.reason()).isEqualTo(DenyReason.ROLES);
        assertThat(d.requiredScopes()).isEmpty();
    }

    @Test
    void checksAllOfRoles() {
        assertThat(decide(withRoles("admin", "auditor"), "DELETE", "/orders/1").allowed()).isTrue();
        assertThat(decide(withRoles("admin"), "DELETE", "/orders/1").reason())
                .isEqualTo(DenyReason.ROLES);
    }

    @Test
    void checksScopesAndNamesTheScopesNeeded() {
        assertThat(decide(withScopes("orders:read"), "GET", "/orders").allowed()).isTrue();
        assertThat(decide(withScopes("orders:write"), "GET", "/orders").allowed()).isTrue();

        Decision d = decide(withScopes("orders:read"), "POST", "/orders");
        assertThat(d.status()).isEqualTo(403);
        assertThat(d.reason()).isEqualTo(DenyReason.SCOPES);
        assertThat(d.requiredScopes()).containsExactlyInAnyOrder("orders:write", "orders:read");
    }

    @Test
    void keepsClientRolesApartFromRealmRoles() {
        TokenPrincipal refunder = caller("svc")
                .clientRoles(Map.of("orders-service", Set.of("refund"))).build();
        TokenPrincipal realmRefund = withRoles("refund");
        TokenPrincipal otherClient = caller("svc")
                .clientRoles(Map.of("billing", Set.of("refund"))).build();

        assertThat(decide(refunder, "POST", "/orders/7/refund").allowed()).isTrue();
        assertThat(decide(realmRefund, "POST", "/orders/7/refund").reason())
                .isEqualTo(DenyReason.CLIENT_ROLES);
        assertThat(decide(otherClient, "POST", "/orders/7/refund").reason())
                .isEqualTo(DenyReason.CLIENT_ROLES);
    }

    @Test
    void comparesClaimValuesWithTheirTypes() {
        assertThat(decide(withClaims(Map.of("department", "sales")), "GET", "/reports/q1")
                .allowed()).isTrue();
        assertThat(decide(withClaims(Map.of("department", "hr")), "GET", "/reports/q1")
                .reason()).isEqualTo(DenyReason.CLAIMS);
        assertThat(decide(withClaims(Map.of()), "GET", "/reports/q1").reason())
                .isEqualTo(DenyReason.CLAIMS);
        assertThat(decide(withClaims(Map.of("department", List.of("sales"))), "GET",
                "/reports/q1").reason()).isEqualTo(DenyReason.CLAIMS);
        assertThat(decide(withClaims(Map.of("department", Map.of("name", "sales"))), "GET",
                "/reports/q1").reason()).isEqualTo(DenyReason.CLAIMS);
    }

    @Test
    void comparesNumbersByValueButNotWithStrings() {
        String path = "/regions/eu";

        assertThat(decide(withClaims(Map.of("region", "eu", "level", 3L)), "GET", path)
                .allowed()).isTrue();
        assertThat(decide(withClaims(Map.of("region", "us", "level", 3.0)), "GET", path)
                .allowed()).isTrue();
        assertThat(decide(withClaims(Map.of("region", "eu", "level", "3")), "GET", path)
                .reason()).isEqualTo(DenyReason.CLAIMS);
        assertThat(decide(withClaims(Map.of("region", "apac", "level", 3L)), "GET", path)
                .reason()).isEqualTo(DenyReason.CLAIMS);
    }

    @Test
    void findsAValueInAnArrayClaim() {
        assertThat(decide(withClaims(Map.of("features", List.of("alpha", "beta"))), "GET",
                "/beta").allowed()).isTrue();
        assertThat(decide(withClaims(Map.of("features", List.of("alpha"))), "GET", "/beta")
                .reason()).isEqualTo(DenyReason.CLAIMS);
        assertThat(decide(withClaims(Map.of("features", "beta")), "GET", "/beta").reason())
                .as("a string claim is not an array").isEqualTo(DenyReason.CLAIMS);
    }

    @Test
    void allowsWhenAnyAlternativeHolds() {
        assertThat(decide(withRoles("support"), "GET", "/orders/9").allowed()).isTrue();
        assertThat(decide(withScopes("orders:read"), "GET", "/orders/9").allowed()).isTrue();

        Decision d = decide(withRoles("user"), "GET", "/orders/9");
        assertThat(d.status()).isEqualTo(403);
        assertThat(d.reason()).isEqualTo(DenyReason.ROLES);
        assertThat(d.requiredScopes()).containsExactly("orders:read");
    }

    @Test
    void capturesPathVariables() {
        Decision d = decide(withRoles("support"), "GET", "/orders/A-17");

        assertThat(d.pathVariables()).isEqualTo(Map.of("id", "A-17"));
        assertThat(d.normalizedPath()).contains("/orders/A-17");
    }

    @Test
    void deniesUnmatchedRequestsWithOrWithoutCaller() {
        Decision anonymous = decide(null, "GET", "/nowhere");
        Decision known = decide(withRoles("admin"), "GET", "/nowhere");

        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.reason()).isEqualTo(DenyReason.UNMATCHED);
        assertThat(anonymous.rule()).isEmpty();
        assertThat(known.status()).isEqualTo(403);
        assertThat(decide(null, "PUT", "/health").reason())
                .as("a rule for GET does not match PUT").isEqualTo(DenyReason.UNMATCHED);
    }

    @Test
    void canLetAnyCallerThroughUnmatchedRequests() {
        Policy lenient = load("""
                version: 1
                defaults: {unmatched: authenticated}
                rules:
                  - name: admin
                    match: {paths: ["/admin/**"]}
                    require: {roles: {anyOf: [admin]}}
                """);

        assertThat(lenient.decide(withRoles(), RequestView.of("GET", "/x")).allowed()).isTrue();
        assertThat(lenient.decide(withRoles(), RequestView.of("GET", "/x")).rule()).isEmpty();
        assertThat(lenient.decide(null, RequestView.of("GET", "/x")).status()).isEqualTo(401);
        assertThat(lenient.decide(withRoles(), RequestView.of("GET", "/admin")).status())
                .isEqualTo(403);
    }

    @Test
    void letsTheFirstMatchingRuleDecide() {
        Policy ordered = load("""
                version: 1
                rules:
                  - name: any-item
                    match: {paths: ["/*/items"]}
                    require: {roles: {anyOf: [admin]}}
                  - name: order-items
                    match: {paths: [/orders/items]}
                    public: true
                  - name: catch-all
                    match: {paths: ["/**"]}
                    authenticated: true
                """);

        Decision d = ordered.decide(null, RequestView.of("GET", "/orders/items"));
        assertThat(d.rule()).contains("any-item");
        assertThat(d.status()).isEqualTo(401);
        assertThat(ordered.decide(null, RequestView.of("GET", "/other")).rule())
                .contains("catch-all");
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
        "GET, /orders/../admin/x, 403, admin",
        "GET, //admin/x, 403, admin",
        "GET, /%2e%2e/admin, 403, admin",
        "GET, /orders/%2E%2E/admin, 403, admin",
        "GET, /admin;x=y, 403, admin",
        "GET, /admin;jsessionid=1/users, 403, admin",
        "GET, /admin/., 403, admin",
        "GET, /admin/, 403, admin",
        "GET, /health/, 200, health",
        "GET, /health;x=1, 200, health",
        "delete, /orders/1, 403, delete-order",
        "GET, /%61dmin/users, 403, admin"
    })
    void matchesRulesAfterNormalisation(String method, String path, int status, String rule) {
        Decision d = decide(withRoles("user"), method, path);

        assertThat(d.status()).isEqualTo(status);
        assertThat(d.rule()).contains(rule);
    }

    @Test
    void matchesCaseSensitively() {
        Decision d = decide(withRoles("user"), "GET", "/ADMIN/users");

        assertThat(d.rule()).isEmpty();
        assertThat(d.reason()).isEqualTo(DenyReason.UNMATCHED);
        assertThat(d.allowed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"/orders%2F..%2Fadmin", "/admin%2fusers", "/a%5Cb", "/a\\b", "/a%zz", "/a%00",
        "orders"})
    void refusesPathsThatCannotBeNormalised(String path) {
        Decision d = decide(withRoles("admin"), "GET", path);

        assertThat(d.allowed()).isFalse();
        assertThat(d.status()).isEqualTo(400);
        assertThat(d.reason()).isEqualTo(DenyReason.BAD_PATH);
        assertThat(d.rule()).isEmpty();
        assertThat(d.normalizedPath()).isEmpty();
    }

    @Test
    void explainsInOneLine() {
        Decision d = decide(withScopes("orders:read"), "POST", "/orders");

        assertThat(d.explain()).isEqualTo("DENY 403 POST /orders by rule 'create-order': SCOPES:"
                + " needs all of scopes [orders:write, orders:read]; caller has scopes"
                + " [orders:read]");
        assertThat(d.explain()).doesNotContain("\n");
        assertThat(decide(null, "GET", "/health").explain())
                .isEqualTo("ALLOW 200 GET /health by rule 'health' (public)");
        assertThat(decide(null, "GET", "/a%2Fb").explain()).isEqualTo("DENY 400 GET /a%2Fb:"
                + " BAD_PATH: the path contains an encoded '/' or '\\' (%2F or %5C)");
        assertThat(decide(null, "GET", "/x/../nowhere").explain()).isEqualTo(
                "DENY 403 GET /x/../nowhere: UNMATCHED: no rule matches GET /nowhere");
    }

    @Test
    void keepsControlCharactersOutOfTheLogLine() {
        Decision d = decide(null, "GET", "/a\r\nFAKE LOG LINE");

        assertThat(d.reason()).isEqualTo(DenyReason.BAD_PATH);
        assertThat(d.explain()).doesNotContain("\r", "\n").contains("\\u000d\\u000a");
    }

    @Test
    void explainsFullyForDevelopers() {
        TokenPrincipal caller = caller("bob").roles(Set.of("user")).scopes(Set.of("profile"))
                .build();

        String full = decide(caller, "GET", "/orders/./9").explainFully();

        assertThat(full.lines()).hasSizeGreaterThan(5);
        assertThat(full).contains(
                "DENY 403 GET /orders/./9 by rule 'read-order': ROLES",
                "request: GET /orders/./9 (normalised: /orders/9)",
                "caller: sub=bob iss=" + Principals.ISSUER + " roles=[user] scopes=[profile]",
                "rule: 'read-order' at test.yaml:46",
                "matches: methods [GET], paths [/orders/{id}]",
                "path variables: {id=9}",
                "any of, alternative 1:",
                "[FAIL] any of roles [support] -- caller has roles [user]",
                "any of, alternative 2:",
                "[FAIL] any of scopes [orders:read] -- caller has scopes [profile]");
    }

    @Test
    void findsTheRightRuleAmongHundreds() {
        StringBuilder text = new StringBuilder("version: 1\nrules:\n");
        for (int i = 0; i < 100; i++) {
            text.append("  - name: r").append(i).append('\n')
                    .append("    match: {methods: [GET], paths: [\"/s").append(i % 10)
                    .append("/r").append(i).append("/{id}\"]}\n")
                    .append("    require: {roles: {anyOf: [role").append(i).append("]}}\n");
        }
        text.append("  - name: last\n    match: {paths: [\"/**\"]}\n    public: true\n");
        Policy many = load(text.toString());

        for (int i = 0; i < 100; i++) {
            Decision d = many.decide(withRoles("role" + i),
                    RequestView.of("GET", "/s" + (i % 10) + "/r" + i + "/x"));
            assertThat(d.rule()).contains("r" + i);
            assertThat(d.allowed()).isTrue();
        }
        assertThat(many.decide(null, RequestView.of("GET", "/s1/r2/x")).rule()).contains("last");
    }
}
