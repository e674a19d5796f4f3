package io.portcullis.benchmarks;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.RequestView;
import io.portcullis.token.ClaimMapping;
import io.portcullis.token.TokenPrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A policy file of a chosen number of rules, written as a platform team writes one for its
 * microservices, the caller the policy benchmarks decide for, and their requests.
 *
 * <p>The file is generated as YAML and loaded by the real {@link PolicyLoader}. After a public
 * {@code health} rule come blocks of ten rules per service, all under {@code /api/<service>/v1}
 * as behind a gateway: list, read, create, update, delete, approve, reports, export, docs and
 * events, asking for scopes, realm roles, client roles, {@code anyOf} alternatives and claim
 * values ({@code tenant}, {@code department}, {@code groups}, {@code email_verified}). The last
 * rule guards {@code /admin/**}. Three rules, near the start, in the middle and near the end,
 * are replaced by a tenant-scoped read that the benchmark's requests hit; with
 * {@link #CONDITION} they also carry a CEL condition.
 *
 * <p>The caller is a Keycloak user: realm roles, client roles of two clients, scopes, and the
 * claims a Keycloak realm with a tenant mapper sends, mapped by {@link ClaimMapping#keycloak()}
 * as the token validator maps them.
 */
public final class PolicyFixture {

    /** The CEL condition of the rules the requests hit, in the variant that has one. */
    public static final String CONDITION = "token.tenant == path.tenant";

    /** The caller's tenant, which the path names. */
    public static final String TENANT = "acme";

    private static final String ISSUER = "https://127.0.0.1:8443/realms/platform";
    private static final long EXPIRES_AT = 4_102_444_800L; // 2100-01-01T00:00:00Z, in seconds
    private static final int RULES_PER_SERVICE = 10;
    private static final List<String> SERVICES = List.of("orders", "billing", "inventory",
            "shipping", "catalog", "payments", "customers", "reviews", "search", "notifications");
    private static final List<String> RESOURCES = List.of("orders", "invoices", "stock",
            "shipments", "products", "payments", "customers", "reviews", "queries", "messages");
    private static final List<String> TENANT_RESOURCES = List.of("projects", "teams", "budgets",
            "contracts", "documents", "sites", "devices", "licenses", "quotas", "webhooks");

    /** Where the rule that decides a request stands in the file. */
    public enum Position {
        /** The second rule, after {@code health}. */
        FIRST,
        /** The rule at index {@code rules / 2}. */
        MIDDLE,
        /** The last rule but one, before {@code admin-console}. */
        LAST,
        /** No rule matches: an endpoint of the last service that the policy does not list. */
        UNMATCHED
    }

    private final int rules;
    private final boolean condition;
    private final Policy policy;
    private final TokenPrincipal principal;

    private PolicyFixture(int rules, boolean condition) {
        this.rules = rules;
        this.condition = condition;
        try {
            this.policy = PolicyLoader.builder().environment(Map.of()).build()
                    .parse(yaml(rules, condition), "platform-" + rules + ".yaml");
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("The generated policy does not load", e);
        }
        this.principal = keycloakUser(TENANT);
    }

    /**
     * Generates and loads a policy of {@code rules} rules (at least 4), whose rules hit by the
     * requests carry {@link #CONDITION} when {@code condition} is true.
     */
    public static PolicyFixture of(int rules, boolean condition) {
        if (rules < 4) {
            throw new IllegalArgumentException("a policy fixture has at least 4 rules: " + rules);
        }
        return new PolicyFixture(rules, condition);
    }

    public Policy policy() {
        return policy;
    }

    /** Returns the caller every request is decided for. */
    public TokenPrincipal principal() {
        return principal;
    }

    /** Returns if the rules the requests hit carry {@link #CONDITION}. */
    public boolean hasCondition() {
        return condition;
    }

    /** Returns the index in the file of the rule that decides a request at {@code position}. */
    public int ruleIndex(Position position) {
        switch (position) {
            case FIRST:
                return 1;
            case MIDDLE:
                return rules / 2;
            case LAST:
                return rules - 2;
            default:
                return -1;
        }
    }

    /** Returns the request at {@code position}, for the caller's own tenant. */
    public RequestView request(Position position) {
        return request(position, TENANT);
    }

    /** Returns the request at {@code position}, naming {@code tenant} in its path. */
    RequestView request(Position position, String tenant) {
        String path;
        if (position == Position.UNMATCHED) {
            int block = (rules - 2) / RULES_PER_SERVICE;
            path = "/api/" + service(block) + "/v1/" + RESOURCES.get(block % SERVICES.size())
                    + "/X-20931/history";
        } else {
            int index = ruleIndex(position);
            path = "/api/" + service(index / RULES_PER_SERVICE) + "/v1/tenants/" + tenant + "/"
                    + TENANT_RESOURCES.get(index % RULES_PER_SERVICE) + "/P-1042";
        }
        return RequestView.builder("GET", path)
                .header("Host", "api.example.com")
                .header("User-Agent", "orders-web/4.2 (+https://orders.example.com)")
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip, deflate, br")
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln")
                .header("X-Request-Id", "5f1c2a7e-0b8d-4a51-9d0e-2c43f1e6b7aa")
                .header("X-Forwarded-For", "203.0.113.24")
                .header("X-Forwarded-Proto", "https")
                .header("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .build();
    }

    /** Returns the name of the rule that decides a request at {@code position}, if any. */
    public Optional<String> ruleName(Position position) {
        if (position == Position.UNMATCHED) {
            return Optional.empty();
        }
        int index = ruleIndex(position);
        return Optional.of(service(index / RULES_PER_SERVICE) + "-tenant-"
                + TENANT_RESOURCES.get(index % RULES_PER_SERVICE));
    }

    /**
     * Checks every decision the benchmarks rely on and throws {@link IllegalStateException} at
     * the first that is wrong, so that a fast but wrong engine is never timed: each request is
     * allowed by its rule, or denied as unmatched; a request naming another tenant is denied by
     * the condition when there is one (so the condition really runs); a request without a
     * caller is asked to authenticate.
     */
    public void check(PolicyEngine engine) {
        Objects.requireNonNull(engine, "engine");
        for (Position position : Position.values()) {
            Decision decision = engine.decide(principal, request(position));
            if (position == Position.UNMATCHED) {
                expect(decision, position, false, 403, DenyReason.UNMATCHED);
                continue;
            }
            expect(decision, position, true, 200, DenyReason.NONE);

            Decision otherTenant = engine.decide(principal, request(position, "globex"));
            if (condition) {
                expect(otherTenant, position, false, 403, DenyReason.CONDITION);
            } else {
                expect(otherTenant, position, true, 200, DenyReason.NONE);
            }

            Decision anonymous = engine.decide(null, request(position));
            expect(anonymous, position, false, 401, DenyReason.AUTHENTICATION);
        }
    }

    private void expect(Decision decision, Position position, boolean allowed, int status,
            DenyReason reason) {
        if (decision.allowed() != allowed || decision.status() != status
                || decision.reason() != reason || decision.auditPass()
                || !decision.rule().equals(ruleName(position))) {
            throw new IllegalStateException("The " + rules + "-rule policy"
                    + (condition ? " with conditions" : "") + " decided "
                    + decision.request().rawPath() + " wrongly: expected "
                    + (allowed ? "allow" : "deny") + " " + status + " " + reason + " by "
                    + ruleName(position).orElse("no rule") + ", got " + decision.explain());
        }
    }

    /** Returns the policy text: {@code rules} rules, the hit ones with or without a condition. */
    static String yaml(int rules, boolean condition) {
        StringBuilder yaml = new StringBuilder(rules * 220)
                .append("# A platform policy shared by ").append(services(rules))
                .append(" services behind one gateway.\n")
                .append("version: 1\n")
                .append("defaults:\n  unmatched: deny\n")
                .append("issuers:\n")
                .append("  - issuer: ").append(ISSUER).append('\n')
                .append("    jwksUri: ").append(ISSUER).append("/protocol/openid-connect/certs\n")
                .append("    audiences: [platform-api]\n")
                .append("    rolePreset: keycloak\n")
                .append("rules:\n")
                .append("  - name: health\n")
                .append("    description: Load balancers and probes, without a token.\n")
                .append("    match: {methods: [GET, HEAD], paths: [/health, /ready]}\n")
                .append("    public: true\n");
        for (int index = 1; index < rules - 1; index++) {
            boolean hit = index == 1 || index == rules / 2 || index == rules - 2;
            String service = service(index / RULES_PER_SERVICE);
            String resource = RESOURCES.get(index / RULES_PER_SERVICE % SERVICES.size());
            if (hit) {
                tenantRule(yaml, service, TENANT_RESOURCES.get(index % RULES_PER_SERVICE),
                        condition);
            } else {
                serviceRule(yaml, index % RULES_PER_SERVICE, service, resource);
            }
        }
        return yaml.append("  - name: admin-console\n")
                .append("    match: {paths: [\"/admin/**\"]}\n")
                .append("    require:\n")
                .append("      roles: {anyOf: [platform-admin]}\n")
                .toString();
    }

    private static void tenantRule(StringBuilder yaml, String service, String resource,
            boolean condition) {
        yaml.append("  - name: ").append(service).append("-tenant-").append(resource).append('\n')
                .append("    description: Employees read the ").append(resource)
                .append(" of their own tenant.\n")
                .append("    match: {methods: [GET], paths: [\"/api/").append(service)
                .append("/v1/tenants/{tenant}/").append(resource).append("/{id}\"]}\n")
                .append("    require:\n")
                .append("      roles: {anyOf: [employee, platform-admin]}\n")
                .append("      scopes: {anyOf: [\"").append(resource).append(":read\"]}\n")
                .append("      claims:\n")
                .append("        email_verified: {equals: true}\n");
        if (condition) {
            yaml.append("      condition: ").append(CONDITION).append('\n');
        }
    }

    private static void serviceRule(StringBuilder yaml, int kind, String service,
            String resource) {
        String base = "/api/" + service + "/v1/";
        String client = service + "-service";
        yaml.append("  - name: ").append(service).append('-');
        switch (kind) {
            case 0:
                yaml.append("list\n")
                        .append(match("GET", base + resource))
                        .append("    require:\n")
                        .append("      scopes: {anyOf: [\"").append(service).append(":read\"]}\n");
                break;
            case 1:
                yaml.append("read\n")
                        .append(match("GET", base + resource + "/{id}"))
                        .append("    require:\n")
                        .append("      anyOf:\n")
                        .append("        - roles: {anyOf: [").append(service).append("-reader]}\n")
                        .append("        - scopes: {anyOf: [\"").append(service)
                        .append(":read\"]}\n");
                break;
            case 2:
                yaml.append("create\n")
                        .append(match("POST", base + resource))
                        .append("    require:\n")
                        .append("      scopes: {allOf: [\"").append(service).append(":write\"]}\n")
                        .append("      clientRoles:\n")
                        .append("        ").append(client).append(": {anyOf: [editor]}\n");
                break;
            case 3:
                yaml.append("update\n")
                        .append(match("PUT, PATCH", base + resource + "/{id}"))
                        .append("    require:\n")
                        .append("      clientRoles:\n")
                        .append("        ").append(client).append(": {anyOf: [editor]}\n")
                        .append("      claims:\n")
                        .append("        tenant: {oneOf: [acme, globex, initech]}\n");
                break;
            case 4:
                yaml.append("delete\n")
                        .append(match("DELETE", base + resource + "/{id}"))
                        .append("    require:\n")
                        .append("      roles: {anyOf: [").append(service)
                        .append("-admin, platform-admin]}\n");
                break;
            case 5:
                yaml.append("approve\n")
                        .append(match("POST", base + resource + "/{id}/approve"))
                        .append("    require:\n")
                        .append("      roles: {allOf: [employee, ").append(service)
                        .append("-approver]}\n")
                        .append("      claims:\n")
                        .append("        email_verified: {equals: true}\n");
                break;
            case 6:
                yaml.append("reports\n")
                        .append(match("GET", base + "reports/**"))
                        .append("    require:\n")
                        .append("      claims:\n")
                        .append("        department: {oneOf: [finance, management]}\n");
                break;
            case 7:
                yaml.append("export\n")
                        .append(match("GET", base + "export"))
                        .append("    require:\n")
                        .append("      scopes: {anyOf: [\"").append(service)
                        .append(":export\"]}\n")
                        .append("      claims:\n")
                        .append("        groups: {contains: /data-exporters}\n");
                break;
            case 8:
                yaml.append("docs\n")
                        .append("    match: {methods: [GET, HEAD], paths: [\"").append(base)
                        .append("docs/**\", ").append(base).append("openapi]}\n")
                        .append("    authenticated: true\n");
                break;
            default:
                yaml.append("events\n")
                        .append(match("POST", base + "events"))
                        .append("    require:\n")
                        .append("      clientRoles:\n")
                        .append("        ").append(client).append(": {anyOf: [publisher]}\n");
                break;
        }
    }

    private static String match(String methods, String path) {
        return "    match: {methods: [" + methods + "], paths: [\"" + path + "\"]}\n";
    }

    private static String service(int block) {
        String name = SERVICES.get(block % SERVICES.size());
        return block < SERVICES.size() ? name : name + "-" + (block / SERVICES.size() + 1);
    }

    private static int services(int rules) {
        return (rules - 2 + RULES_PER_SERVICE - 1) / RULES_PER_SERVICE;
    }

    /**
     * Returns a Keycloak user of {@code tenant} as the validator makes one from a verified
     * token: the claims of a Keycloak access token with tenant, department and group mappers,
     * roles and scopes read by {@link ClaimMapping#keycloak()}.
     */
    static TokenPrincipal keycloakUser(String tenant) {
        Map<String, Object> claims = Map.ofEntries(
                Map.entry("exp", EXPIRES_AT),
                Map.entry("iat", 1_767_225_600L),
                Map.entry("auth_time", 1_767_225_588L),
                Map.entry("jti", "onrtac:9b2d1c4e-6f0a-4d8e-b5a7-3c1e9f2d7a60"),
                Map.entry("iss", ISSUER),
                Map.entry("aud", List.of("platform-api", "account")),
                Map.entry("sub", "0c8f2b1e-7d4a-4e3b-9a6f-5b2c8d1e4f70"),
                Map.entry("typ", "Bearer"),
                Map.entry("azp", "orders-web"),
                Map.entry("sid", "3a7e9c21-5b4d-4f8a-8c2e-1d6b9f0a3e57"),
                Map.entry("acr", "1"),
                Map.entry("allowed-origins", List.of("https://orders.example.com")),
                Map.entry("realm_access", Map.of("roles", List.of("default-roles-platform",
                        "offline_access", "uma_authorization", "employee", "orders-reader"))),
                Map.entry("resource_access", Map.of(
                        "orders-service", Map.of("roles", List.of("editor", "publisher")),
                        "account", Map.of("roles", List.of("manage-account", "view-profile")))),
                Map.entry("scope", "openid profile email projects:read teams:read budgets:read"
                        + " contracts:read documents:read sites:read devices:read licenses:read"
                        + " quotas:read webhooks:read orders:read orders:write"),
                Map.entry("email_verified", true),
                Map.entry("name", "Ada Lovelace"),
                Map.entry("preferred_username", "ada"),
                Map.entry("given_name", "Ada"),
                Map.entry("family_name", "Lovelace"),
                Map.entry("email", "ada@example.com"),
                Map.entry("tenant", tenant),
                Map.entry("department", "engineering"),
                Map.entry("groups", List.of("/employees", "/engineering/backend")));
        ClaimMapping keycloak = ClaimMapping.keycloak();
        return TokenPrincipal.builder((String) claims.get("sub"), ISSUER)
                .audiences(Set.of("platform-api", "account"))
                .clientId("orders-web")
                .roles(keycloak.roles(claims))
                .clientRoles(keycloak.clientRoles(claims))
                .scopes(keycloak.scopes(claims))
                .claims(claims)
                .expiresAt(Instant.ofEpochSecond(EXPIRES_AT))
                .issuedAt(Instant.ofEpochSecond(1_767_225_600L))
                .tokenId("onrtac:9b2d1c4e-6f0a-4d8e-b5a7-3c1e9f2d7a60")
                .build();
    }
}
