package io.portcullis.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.RequestView;
import io.portcullis.token.TokenPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The intents conditions are for, with real CEL found through ServiceLoader. */
class CelConditionsTest {

    private static final String ISSUER = "https://127.0.0.1:8443/realms/shop";

    private static final String POLICY = """
            version: 1
            rules:
              - name: change-own-order
                match: {methods: [PUT, PATCH], paths: ["/customers/{customer}/orders/{id}"]}
                require:
                  condition: path.customer == token.customer_id
              - name: read-reports
                match: {methods: [GET], paths: ["/reports/**"]}
                require:
                  condition: token.department == 'sales'
              - name: write-in-business-hours
                match: {methods: [POST], paths: [/orders]}
                require:
                  scopes: {anyOf: ["orders:write"]}
                  condition: |
                    now.getDayOfWeek('Europe/Berlin') >= 1
                      && now.getDayOfWeek('Europe/Berlin') <= 5
                      && now.getHours('Europe/Berlin') >= 9
                      && now.getHours('Europe/Berlin') < 17
              - name: tenant-header
                match: {paths: ["/tenants/**"]}
                require:
                  condition: request.headers['x-tenant'] == token.tenant
              - name: principal-fields
                match: {paths: [/whoami]}
                require:
                  condition: >-
                    principal.subject == 'alice' && 'clerk' in principal.roles
                    && 'orders:read' in principal.scopes
                    && 'refund' in principal.clientRoles['orders-service']
                    && has(principal.clientId) && principal.clientId == 'web'
                    && request.method == 'GET' && request.path == '/whoami'
                    && request.query['verbose'] == 'yes'
              - name: level
                match: {paths: [/level]}
                require:
                  condition: token.level > 2
            """;

    private static Policy load(Clock clock) {
        try {
            return PolicyLoader.builder().clock(clock).build().parse(POLICY, "abac.yaml");
        } catch (PolicyLoadException e) {
            throw new AssertionError(e);
        }
    }

    private final Policy policy = load(Clock.systemUTC());

    private static TokenPrincipal caller(Map<String, Object> claims) {
        return TokenPrincipal.builder("alice", ISSUER).claims(claims).build();
    }

    @Test
    void findsCelThroughServiceLoader() {
        assertThat(policy.ruleNames()).contains("change-own-order");
    }

    @Test
    void letsAUserChangeOnlyTheirOwnOrders() {
        TokenPrincipal customer = caller(Map.of("customer_id", "C1042"));

        Decision own = policy.decide(customer, RequestView.of("PUT", "/customers/C1042/orders/7"));
        Decision other = policy.decide(customer,
                RequestView.of("PATCH", "/customers/C1043/orders/7"));

        assertThat(own.allowed()).isTrue();
        assertThat(other.allowed()).isFalse();
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.reason()).isEqualTo(DenyReason.CONDITION);
    }

    @Test
    void letsOnlySalesReadReports() {
        RequestView report = RequestView.of("GET", "/reports/2026/q1");

        assertThat(policy.decide(caller(Map.of("department", "sales")), report).allowed())
                .isTrue();
        assertThat(policy.decide(caller(Map.of("department", "hr")), report).reason())
                .isEqualTo(DenyReason.CONDITION);
        assertThat(policy.decide(caller(Map.of()), report).reason())
                .as("missing claim").isEqualTo(DenyReason.CONDITION_ERROR);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2026-03-02T07:59:59Z, false", // Monday 08:59:59 in Berlin (UTC+1)
        "2026-03-02T08:00:00Z, true", // Monday 09:00
        "2026-03-02T15:59:59Z, true", // Monday 16:59:59
        "2026-03-02T16:00:00Z, false", // Monday 17:00
        "2026-07-06T07:30:00Z, true", // Monday 09:30 in summer (UTC+2)
        "2026-07-06T15:30:00Z, false", // Monday 17:30 in summer
        "2026-03-07T10:00:00Z, false" // Saturday 11:00
    })
    void allowsWritesOnlyDuringBusinessHours(String instant, boolean allowed) {
        Policy atTime = load(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
        TokenPrincipal writer = TokenPrincipal.builder("alice", ISSUER)
                .scopes(Set.of("orders:write")).build();

        Decision d = atTime.decide(writer, RequestView.of("POST", "/orders"));

        assertThat(d.allowed()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(d.reason()).isEqualTo(DenyReason.CONDITION);
        }
    }

    @Test
    void usesTheClockOfWithClockToo() {
        TokenPrincipal writer = TokenPrincipal.builder("alice", ISSUER)
                .scopes(Set.of("orders:write")).build();
        Policy sunday = policy.withClock(
                Clock.fixed(Instant.parse("2026-03-08T10:00:00Z"), ZoneOffset.UTC));

        assertThat(sunday.decide(writer, RequestView.of("POST", "/orders")).allowed()).isFalse();
    }

    @Test
    void wantsTheTenantHeaderToMatchTheToken() {
        TokenPrincipal acme = caller(Map.of("tenant", "acme"));

        assertThat(policy.decide(acme, RequestView.builder("GET", "/tenants/x")
                .header("X-Tenant", "acme").build()).allowed()).isTrue();
        assertThat(policy.decide(acme, RequestView.builder("GET", "/tenants/x")
                .header("X-Tenant", "globex").build()).reason()).isEqualTo(DenyReason.CONDITION);

        Decision missing = policy.decide(acme, RequestView.of("GET", "/tenants/x"));
        assertThat(missing.allowed()).isFalse();
        assertThat(missing.reason()).isEqualTo(DenyReason.CONDITION_ERROR);
        assertThat(missing.explain()).contains("key 'x-tenant' is not present in map."
                + " (condition at abac.yaml:23, offset 15)");
    }

    @Test
    void seesThePrincipalAndTheRequest() {
        TokenPrincipal alice = TokenPrincipal.builder("alice", ISSUER)
                .roles(Set.of("clerk"))
                .scopes(Set.of("orders:read"))
                .clientRoles(Map.of("orders-service", Set.of("refund")))
                .clientId("web")
                .build();

        Decision d = policy.decide(alice, RequestView.builder("get", "/whoami")
                .queryString("verbose=yes").build());

        assertThat(d.allowed()).as(d.explainFully()).isTrue();
    }

    @Test
    void deniesWhenAClaimHasAnotherType() {
        Decision asString = policy.decide(caller(Map.of("level", "3")),
                RequestView.of("GET", "/level"));
        Decision asNumber = policy.decide(caller(Map.of("level", 3L)),
                RequestView.of("GET", "/level"));
        Decision asList = policy.decide(caller(Map.of("level", List.of(3L))),
                RequestView.of("GET", "/level"));

        assertThat(asNumber.allowed()).isTrue();
        assertThat(asString.reason()).isEqualTo(DenyReason.CONDITION_ERROR);
        assertThat(asString.status()).isEqualTo(403);
        assertThat(asList.reason()).isEqualTo(DenyReason.CONDITION_ERROR);
        assertThat(asString.explain()).contains("condition at abac.yaml:37");
    }

    @Test
    void deniesWhenTheResultIsNotABoolean() throws Exception {
        Policy p = PolicyLoader.defaults().parse("""
                version: 1
                rules:
                  - name: flag
                    match: {paths: [/flag]}
                    require:
                      condition: token.flag
                """, "flag.yaml");

        Decision text = p.decide(caller(Map.of("flag", "true")), RequestView.of("GET", "/flag"));
        Decision bool = p.decide(caller(Map.of("flag", true)), RequestView.of("GET", "/flag"));

        assertThat(bool.allowed()).isTrue();
        assertThat(text.reason()).isEqualTo(DenyReason.CONDITION_ERROR);
        assertThat(text.explain()).contains("gave String, not a boolean");
    }

    private static void failsAt(String condition, int line, int column, String message) {
        String text = "version: 1\nrules:\n  - name: r\n    match: {paths: [/r]}\n"
                + "    require:\n      condition: " + condition + "\n";
        assertThatThrownBy(() -> PolicyLoader.defaults().parse(text, "bad.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    PolicyLoadException p = (PolicyLoadException) e;
                    assertThat(p.line()).as(p.getMessage()).isEqualTo(line);
                    assertThat(p.column()).as(p.getMessage()).isEqualTo(column);
                });
    }

    @Test
    void placesCompileErrorsInThePolicyFile() {
        failsAt("principal.subjet == 'alice'", 6, 27,
                "rule 'r': condition does not compile: undefined field 'subjet'");
        failsAt("\"token.a == 1 &&\"", 6, 34, "condition does not compile");
        failsAt("token.level + 1", 6, 30, "expected type 'bool' but found 'int'");
        failsAt("nobody == 1", 6, 18, "undeclared reference to 'nobody'");
        failsAt("request.headers['x'].startsWith(1)", 6, 49, "no matching overload");
        failsAt("|\n        token.a == 'x'\n        && unknown_var", 8, 12,
                "undeclared reference to 'unknown_var'");
    }
}
