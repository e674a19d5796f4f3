package io.portcullis.policy.check;

import io.portcullis.policy.ClaimMappingSettings;
import io.portcullis.policy.DenyReason;
import io.portcullis.policy.IssuerSettings;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicySource;
import io.portcullis.policy.RequestView;
import io.portcullis.policy.RolePreset;
import io.portcullis.policy.internal.YamlMap;
import io.portcullis.policy.internal.YamlTree;
import io.portcullis.policy.internal.YamlValue;
import io.portcullis.token.TokenPrincipal;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cases of a policy-cases file, bound to a policy, ready to run from a test:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> policyCases() throws Exception {
 *     PolicyCases cases = PolicyCases.load(Policy.load("classpath:policy.yaml"),
 *             "classpath:policy-cases.yaml");
 *     return DynamicTest.stream(cases.stream(), PolicyCase::name, PolicyCase::check);
 * }
 * }</pre>
 *
 * <p>or, in one test, {@code cases.assertAllPass()}, which reports every failing case at once.
 * The file format is described in {@code docs/policy.md}: each case gives the token's claims
 * (mapped to roles and scopes by the issuer's claim mapping in the policy), a request and the
 * expected decision, and optionally the time conditions see.
 */
public final class PolicyCases {

    private static final Set<String> TOP_KEYS = Set.of("issuer", "rolePreset", "at", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "token", "request", "at",
            "expect");
    private static final Set<String> REQUEST_KEYS = Set.of("method", "path", "headers", "query");
    private static final Set<String> EXPECT_KEYS = Set.of("decision", "status", "rule", "reason",
            "audit");
    private static final String DEFAULT_ISSUER = "https://issuer.test";
    private static final String DEFAULT_SUBJECT = "test-user";
    private static final int MAX_CLAIM_DEPTH = 16;

    private final List<PolicyCase> cases;

    private PolicyCases(List<PolicyCase> cases) {
        this.cases = List.copyOf(cases);
    }

    /**
     * Reads the cases at {@code location} ({@code classpath:...}, a file or an https URL) for
     * {@code policy}.
     */
    public static PolicyCases load(Policy policy, String location) throws PolicyLoadException {
        return load(policy, PolicySource.of(Objects.requireNonNull(location, "location")));
    }

    /**
     * Reads the cases {@code source} holds for {@code policy}.
     *
     * @throws PolicyLoadException when the file is not a valid cases file, or a case names a
     *     rule the policy does not have
     */
    public static PolicyCases load(Policy policy, PolicySource source)
            throws PolicyLoadException {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(source, "source");
        String text;
        try {
            text = source.read().text();
        } catch (IOException | RuntimeException e) {
            throw new PolicyLoadException(source.name(), 0, 0,
                    "cannot read the policy cases: " + e.getMessage(), e);
        }
        YamlValue root = YamlTree.parse(text, source.name(), System::getenv);
        return new PolicyCases(new Parser(policy, source.name()).parse(root));
    }

    /** Returns the cases in file order. */
    public List<PolicyCase> cases() {
        return cases;
    }

    /** Returns the cases as a stream, for {@code DynamicTest.stream}. */
    public Stream<PolicyCase> stream() {
        return cases.stream();
    }

    /**
     * Runs every case.
     *
     * @throws AssertionError listing every failing case with its full explanation
     */
    public void assertAllPass() {
        List<String> failures = new ArrayList<>();
        for (PolicyCase c : cases) {
            String failure = c.failure();
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + cases.size()
                    + " policy cases failed:\n\n" + String.join("\n", failures));
        }
    }

    /** Reads one cases file. */
    private static final class Parser {
        private final Policy policy;
        private final String sourceName;
        private String defaultIssuer;
        private RolePreset fallbackPreset = RolePreset.KEYCLOAK;
        private Instant defaultTime;

        Parser(Policy policy, String sourceName) {
            this.policy = policy;
            this.sourceName = sourceName;
            this.defaultIssuer = policy.issuers().isEmpty()
                    ? DEFAULT_ISSUER : policy.issuers().get(0).issuer();
        }

        List<PolicyCase> parse(YamlValue root) throws PolicyLoadException {
            YamlMap top = root.asMap("a policy-cases file").allowOnly("the policy-cases file",
                    TOP_KEYS);
            if (top.get("issuer").isPresent()) {
                defaultIssuer = top.get("issuer").get().asString("issuer");
            }
            if (top.get("rolePreset").isPresent()) {
                YamlValue v = top.get("rolePreset").get();
                fallbackPreset = RolePreset.fromFileName(v.asString("rolePreset")).orElseThrow(
                        () -> v.error("unknown rolePreset; expected keycloak, roles or groups"));
            }
            if (top.get("at").isPresent()) {
                defaultTime = instant(top.get("at").get());
            }
            List<PolicyCase> cases = new ArrayList<>();
            Map<String, Integer> names = new HashMap<>();
            for (YamlValue item : top.require("cases", "a policy-cases file").asList("cases")) {
                PolicyCase c = parseCase(item);
                Integer first = names.putIfAbsent(c.name(), c.line());
                if (first != null) {
                    throw item.error("duplicate case name '" + c.name() + "' (first at line "
                            + first + ")");
                }
                cases.add(c);
            }
            return cases;
        }

        private PolicyCase parseCase(YamlValue item) throws PolicyLoadException {
            YamlMap map = item.asMap("a case");
            String name = map.require("name", "a case").asString("name");
            String where = "case '" + name + "'";
            map.allowOnly(where, CASE_KEYS);
            TokenPrincipal principal = map.get("token").isPresent()
                    ? principal(map.get("token").get(), where) : null;
            RequestView request = request(map.require("request", where), where);
            Instant at = map.get("at").isPresent() ? instant(map.get("at").get()) : defaultTime;
            Policy atTime = at == null ? policy : policy.withClock(Clock.fixed(at, ZoneOffset.UTC));
            Expectation expectation = expectation(map.require("expect", where), where);
            return new PolicyCase(name, sourceName, item.line(), atTime, principal, request,
                    expectation);
        }

        private TokenPrincipal principal(YamlValue token, String where)
                throws PolicyLoadException {
            Object json = token.asJson(where + ": token", MAX_CLAIM_DEPTH);
            if (!(json instanceof Map)) {
                throw token.error(where + ": token must be a mapping of claims");
            }
            Map<String, Object> claims = new HashMap<>();
            ((Map<?, ?>) json).forEach((k, v) -> claims.put((String) k, v));
            String subject = claims.get("sub") instanceof String
                    ? (String) claims.get("sub") : DEFAULT_SUBJECT;
            String issuer = claims.get("iss") instanceof String
                    ? (String) claims.get("iss") : defaultIssuer;
            claims.putIfAbsent("sub", subject);
            claims.putIfAbsent("iss", issuer);
            return CasePrincipals.of(Map.copyOf(claims), subject, issuer, mappingFor(issuer));
        }

        private ClaimMappingSettings mappingFor(String issuer) {
            for (IssuerSettings settings : policy.issuers()) {
                if (settings.issuer().equals(issuer)) {
                    return settings.claimMapping();
                }
            }
            return ClaimMappingSettings.of(fallbackPreset, Optional.empty());
        }

        private RequestView request(YamlValue value, String where) throws PolicyLoadException {
            if (value.isScalar()) {
                String line = value.asString(where + ": request");
                int space = line.indexOf(' ');
                if (space < 0) {
                    throw value.error(where + ": request must be 'METHOD /path', such as"
                            + " 'GET /orders'");
                }
                return withQuery(line.substring(0, space), line.substring(space + 1).strip())
                        .build();
            }
            YamlMap map = value.asMap(where + ": request").allowOnly(where + ": request",
                    REQUEST_KEYS);
            RequestView.Builder builder = withQuery(
                    map.require("method", where + ": request").asString("method"),
                    map.require("path", where + ": request").asString("path"));
            if (map.get("headers").isPresent()) {
                for (YamlMap.Entry e : map.get("headers").get().asMap("headers").entries()) {
                    for (String v : e.value().asStringList("header " + e.key())) {
                        builder.header(e.key(), v);
                    }
                }
            }
            if (map.get("query").isPresent()) {
                for (YamlMap.Entry e : map.get("query").get().asMap("query").entries()) {
                    for (String v : e.value().asStringList("query parameter " + e.key())) {
                        builder.queryParameter(e.key(), v);
                    }
                }
            }
            return builder.build();
        }

        private static RequestView.Builder withQuery(String method, String pathAndQuery) {
            int question = pathAndQuery.indexOf('?');
            if (question < 0) {
                return RequestView.builder(method, pathAndQuery);
            }
            return RequestView.builder(method, pathAndQuery.substring(0, question))
                    .queryString(pathAndQuery.substring(question + 1));
        }

        private Expectation expectation(YamlValue value, String where)
                throws PolicyLoadException {
            if (value.isScalar()) {
                return new Expectation(allowed(value, where), null, null, null, null);
            }
            YamlMap map = value.asMap(where + ": expect").allowOnly(where + ": expect",
                    EXPECT_KEYS);
            boolean allowed = allowed(map.require("decision", where + ": expect"), where);
            Integer status = null;
            if (map.get("status").isPresent()) {
                status = (int) map.get("status").get().asLong("status");
            }
            String rule = null;
            if (map.get("rule").isPresent()) {
                YamlValue ruleValue = map.get("rule").get();
                rule = ruleValue.asString("rule");
                if (!policy.ruleNames().contains(rule)) {
                    throw ruleValue.error(where + " names rule '" + rule + "', which "
                            + policy.sourceName() + " does not have");
                }
            }
            DenyReason reason = null;
            if (map.get("reason").isPresent()) {
                YamlValue reasonValue = map.get("reason").get();
                String text = reasonValue.asString("reason").toUpperCase(Locale.ROOT);
                try {
                    reason = DenyReason.valueOf(text);
                } catch (IllegalArgumentException e) {
                    throw reasonValue.error(where + ": unknown reason '" + text + "'; expected"
                            + " one of " + List.of(DenyReason.values()));
                }
            }
            Boolean audit = null;
            if (map.get("audit").isPresent()) {
                audit = map.get("audit").get().asBoolean("audit");
            }
            return new Expectation(allowed, status, rule, reason, audit);
        }

        private static boolean allowed(YamlValue value, String where)
                throws PolicyLoadException {
            String word = value.asString(where + ": expect");
            if (word.equals("allow")) {
                return true;
            }
            if (word.equals("deny")) {
                return false;
            }
            throw value.error(where + ": expected allow or deny, not '" + word + "'");
        }

        private static Instant instant(YamlValue value) throws PolicyLoadException {
            String text = value.asString("at");
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw value.error("at must be an instant such as 2026-03-02T10:00:00Z, not '"
                        + text + "'");
            }
        }
    }
}
