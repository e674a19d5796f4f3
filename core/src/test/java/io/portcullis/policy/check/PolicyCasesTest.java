package io.portcullis.policy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.PolicySource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCasesTest {

    private final Policy policy = load("""
            version: 1
            issuers:
              - issuer: https://127.0.0.1:8443/realms/shop
                discovery: true
                audiences: [api]
                rolePreset: keycloak
            rules:
              - name: health
                match: {methods: [GET], paths: [/health]}
                public: true
              - name: admin
                match: {paths: ["/admin/**"]}
                require:
                  roles: {anyOf: [admin]}
              - name: search
                match: {methods: [GET], paths: [/search]}
                require:
                  scopes: {anyOf: [search]}
            """);

    private static Policy load(String text) {
        try {
            return PolicyLoader.builder().environment(Map.of()).build().parse(text, "p.yaml");
        } catch (PolicyLoadException e) {
            throw new AssertionError(e);
        }
    }

    private PolicyCases cases(String text) throws PolicyLoadException {
        return PolicyCases.load(policy, PolicySource.ofText("cases.yaml", text));
    }

    @Test
    void runsCasesThatPass() throws Exception {
        PolicyCases cases = cases("""
                cases:
                  - name: health
                    request: GET /health
                    expect: allow
                  - name: admin by realm role
                    token: {sub: root, realm_access: {roles: [admin]}}
                    request: {method: DELETE, path: /admin/users/7, headers: {X-Trace: "1"}}
                    expect: {decision: allow, status: 200, rule: admin, reason: none}
                  - name: search with query
                    token: {scope: "openid search"}
                    request: GET /search?q=x
                    expect: allow
                """);

        assertThat(cases.cases()).extracting(PolicyCase::name)
                .containsExactly("health", "admin by realm role", "search with query");
        assertThat(cases.cases().get(1).line()).isEqualTo(5);
        cases.assertAllPass();
    }

    @Test
    void explainsAFailingCase() throws Exception {
        PolicyCases cases = cases("""
                cases:
                  - name: user reaches admin
                    token: {sub: bob, realm_access: {roles: [user]}}
                    request: GET /admin/users
                    expect: allow
                """);

        assertThatThrownBy(() -> cases.cases().get(0).check())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("policy case 'user reaches admin' (cases.yaml:2):"
                        + " expected allow, got deny")
                .hasMessageContaining("DENY 403 GET /admin/users by rule 'admin': ROLES")
                .hasMessageContaining("caller: sub=bob")
                .hasMessageContaining("[FAIL] any of roles [admin] -- caller has roles [user]");
    }

    @Test
    void reportsEveryFailureAtOnce() throws Exception {
        PolicyCases cases = cases("""
                cases:
                  - name: first wrong
                    request: GET /health
                    expect: {decision: allow, status: 401}
                  - name: right
                    request: GET /health
                    expect: allow
                  - name: second wrong
                    request: GET /search
                    expect: {decision: deny, rule: health, reason: SCOPES}
                """);

        assertThatThrownBy(cases::assertAllPass)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("2 of 3 policy cases failed")
                .hasMessageContaining("'first wrong' (cases.yaml:2): expected status 401, got 200")
                .hasMessageContaining("'second wrong' (cases.yaml:8): expected rule 'health',"
                        + " got 'search'; expected reason SCOPES, got AUTHENTICATION")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("'right'"));
    }

    @Test
    void refusesACaseThatNamesAnUnknownRule() {
        assertThatThrownBy(() -> cases("""
                cases:
                  - name: typo
                    request: GET /health
                    expect: {decision: allow, rule: healht}
                """))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("cases.yaml:4:37: case 'typo' names rule 'healht', which p.yaml"
                        + " does not have");
    }

    @Test
    void refusesMalformedCases() {
        assertThatThrownBy(() -> cases("""
                cases:
                  - name: a
                    request: GET /health
                    expected: allow
                """))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("cases.yaml:4:5: unknown key 'expected' in case 'a'");
        assertThatThrownBy(() -> cases("""
                cases:
                  - name: a
                    request: /health
                    expect: allow
                """))
                .hasMessageContaining("cases.yaml:3:14: case 'a': request must be 'METHOD /path'");
        assertThatThrownBy(() -> cases("""
                cases:
                  - name: a
                    request: GET /health
                    expect: permit
                """))
                .hasMessageContaining("expected allow or deny, not 'permit'");
        assertThatThrownBy(() -> cases("""
                cases:
                  - name: a
                    request: GET /health
                    expect: allow
                  - name: a
                    request: GET /health
                    expect: allow
                """))
                .hasMessageContaining("cases.yaml:5:5: duplicate case name 'a' (first at line 2)");
    }

    @Test
    void mapsClaimsWithTheFallbackPresetWhenTheIssuerIsUnknown() throws Exception {
        PolicyCases cases = cases("""
                rolePreset: groups
                cases:
                  - name: groups claim
                    token: {iss: "https://other.test", groups: [admin]}
                    request: GET /admin
                    expect: allow
                  - name: scp array
                    token: {iss: "https://other.test", scp: [search]}
                    request: GET /search
                    expect: allow
                """);

        cases.assertAllPass();
        assertThat(cases.stream().map(c -> c.decide().allowed()).toList())
                .isEqualTo(List.of(true, true));
    }
}
