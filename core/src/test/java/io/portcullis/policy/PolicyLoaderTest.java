package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A broken policy file fails at load, naming its line and what is wrong. */
class PolicyLoaderTest {

    private static final PolicyLoader LOADER = PolicyLoader.builder()
            .environment(Map.of("ORDERS_ROLE", "clerk"))
            .build();

    private static Policy parse(String text) throws PolicyLoadException {
        return LOADER.parse(text, "test.yaml");
    }

    private static void failsAt(String text, int line, String message) {
        ThrowingCallable load = () -> parse(text);
        assertThatThrownBy(load)
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    PolicyLoadException p = (PolicyLoadException) e;
                    assertThat(p.sourceName()).isEqualTo("test.yaml");
                    assertThat(p.line()).as("line of: %s", p.getMessage()).isEqualTo(line);
                    assertThat(p.getMessage()).startsWith("test.yaml:" + line + ":");
                });
    }

    @Test
    void loadsAValidPolicy() throws Exception {
        Policy policy = parse("""
                version: 1
                rules:
                  - name: health
                    match: {methods: [GET], paths: [/health]}
                    public: true
                  - name: orders
                    match: {paths: ["/orders/**"]}
                    require:
                      roles: {anyOf: [clerk]}
                """);

        assertThat(policy.ruleNames()).containsExactly("health", "orders");
        assertThat(policy.version()).isEqualTo(1);
        assertThat(policy.unmatchedRequests()).isEqualTo(UnmatchedRequests.DENY);
        assertThat(policy.issuers()).isEmpty();
        assertThat(policy.sourceName()).isEqualTo("test.yaml");
        assertThat(policy.revision()).startsWith("sha256:");
    }

    @Test
    void readsJsonWithTheSameSchema() throws Exception {
        Policy policy = parse("""
                {
                  "version": 1,
                  "defaults": {"unmatched": "authenticated"},
                  "rules": [
                    {"name": "health", "match": {"methods": ["GET"], "paths": ["/health"]},
                     "public": true}
                  ]
                }
                """);

        assertThat(policy.ruleNames()).containsExactly("health");
        assertThat(policy.unmatchedRequests()).isEqualTo(UnmatchedRequests.AUTHENTICATED);
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        failsAt("""
                version: 1
                rules:
                  - name: a
                    match: {paths: [/a}
                    public: true
                """, 4, "YAML syntax error");
    }

    @Test
    void refusesATypoedKeyInsteadOfIgnoringIt() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    requires:
                      roles: {anyOf: [clerk]}
                """, 5, "unknown key 'requires' in rule 'orders'; did you mean 'require'?");
    }

    @Test
    void refusesUnknownKeysAtEveryLevel() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders], method: [GET]}
                    public: true
                """, 4, "unknown key 'method' in rule 'orders': match; did you mean 'methods'?");
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    require:
                      roles: {any: [clerk]}
                """, 6, "unknown key 'any'");
        failsAt("""
                version: 1
                rule: []
                """, 2, "unknown key 'rule' in the policy file; did you mean 'rules'?");
    }

    @Test
    void refusesValuesOfTheWrongType() {
        failsAt("""
                version: 1
                rules:
                  - name: health
                    match: {paths: [/health]}
                    public: "yes"
                """, 5, "public must be true or false, not the string 'yes'");
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    require:
                      roles: [clerk]
                """, 6, "roles must say anyOf or allOf");
        failsAt("""
                version: 1
                rules:
                  name: orders
                """, 3, "rules must be a list");
        failsAt("""
                version: one
                rules: []
                """, 1, "version must be an integer");
    }

    @Test
    void refusesDuplicateRuleNames() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: true
                  - name: orders
                    match: {paths: ["/orders/{id}"]}
                    public: true
                """, 6, "duplicate rule name 'orders' (first used at line 3)");
    }

    @Test
    void refusesDuplicateKeys() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: true
                    name: again
                """, 6, "duplicate key 'name' (first given at line 3)");
    }

    @Test
    void refusesBadPathPatterns() {
        failsAt("""
                version: 1
                rules:
                  - name: files
                    match:
                      paths:
                        - /files
                        - /files/*.pdf
                    public: true
                """, 7, "path pattern '/files/*.pdf' segment '*.pdf' contains '*'");
    }

    @Test
    void refusesARuleThatGrantsNothing() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                """, 3, "rule 'orders' grants nothing");
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: false
                """, 3, "rule 'orders' grants nothing");
    }

    @Test
    void refusesARuleThatGrantsTwice() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: true
                    require: {scopes: {anyOf: [orders:read]}}
                """, 3, "more than one of public, authenticated and require");
    }

    @Test
    void refusesEmptyRequirements() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    require: {}
                """, 5, "require names nothing");
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    require:
                      scopes: {anyOf: []}
                """, 6, "scopes.anyOf must not be empty");
    }

    @Test
    void refusesAMissingOrUnsupportedVersion() {
        failsAt("""
                rules: []
                """, 1, "needs 'version'");
        failsAt("""
                version: 2
                rules: []
                """, 1, "version 2 is not supported");
    }

    @Test
    void refusesUnknownDefaultsAndModes() {
        failsAt("""
                version: 1
                defaults:
                  unmatched: allow
                rules: []
                """, 3, "defaults.unmatched must be deny or authenticated");
        failsAt("""
                version: 1
                rules:
                  - name: a
                    match: {paths: [/a]}
                    authenticated: true
                    mode: dry-run
                """, 6, "mode must be enforce or audit");
    }

    @Test
    void refusesMethodsThatAreNotTokens() {
        failsAt("""
                version: 1
                rules:
                  - name: a
                    match: {methods: [GET, "PO ST"], paths: [/a]}
                    authenticated: true
                """, 4, "'PO ST' is not an HTTP method");
    }

    @Test
    void refusesMisspeltMethodsRatherThanNeverMatching() {
        failsAt("""
                version: 1
                rules:
                  - name: a
                    match: {methods: [GET, GTE], paths: [/a]}
                    authenticated: true
                """, 4, "'GTE' is not an HTTP method; known are GET, HEAD, POST");
    }

    @Test
    void refusesAnEmptyDocument() {
        assertThatThrownBy(() -> parse("# nothing\n"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("test.yaml: the document is empty");
    }

    @Test
    void substitutesEnvironmentVariablesInRules() throws Exception {
        Policy policy = parse("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: ${OPEN_ORDERS:false}
                    require:
                      roles: {anyOf: ["${ORDERS_ROLE}", "${OTHER_ROLE:auditor}"]}
                """.replace("    public: ${OPEN_ORDERS:false}\n", ""));

        var clerk = io.portcullis.token.TokenPrincipal.builder("a", "https://idp.test")
                .roles(java.util.Set.of("clerk")).build();
        var auditor = io.portcullis.token.TokenPrincipal.builder("b", "https://idp.test")
                .roles(java.util.Set.of("auditor")).build();
        RequestView get = RequestView.of("GET", "/orders");
        assertThat(policy.decide(clerk, get).allowed()).isTrue();
        assertThat(policy.decide(auditor, get).allowed()).isTrue();
    }

    @Test
    void typesAPlainValueAfterSubstitution() throws Exception {
        Policy open = PolicyLoader.builder().environment(Map.of("OPEN", "true")).build().parse("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: ${OPEN:false}
                """, "test.yaml");

        assertThat(open.decide(null, RequestView.of("GET", "/orders")).allowed()).isTrue();
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: [/orders]}
                    public: ${OPEN:false}
                """, 3, "grants nothing");
    }

    @Test
    void refusesAnUnsetVariableWithoutDefault() {
        failsAt("""
                version: 1
                rules:
                  - name: orders
                    match: {paths: ["/${ORDERS_PATH}"]}
                    public: true
                """, 4, "environment variable ORDERS_PATH is not set");
    }

    @Test
    void refusesAnUnknownRolePresetWithItsLine() {
        failsAt("""
                version: 1
                issuers:
                  - issuer: https://127.0.0.1:8443/realms/shop
                    discovery: true
                    audiences: [orders]
                    rolePreset: okta
                rules: []
                """, 6, "unknown rolePreset 'okta'; expected keycloak, roles or groups");
    }
}
