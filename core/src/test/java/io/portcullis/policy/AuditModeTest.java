package io.portcullis.policy;

import static io.portcullis.policy.Principals.withRoles;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditModeTest {

    private final Policy policy = PolicyDecisionTest.load("""
            version: 1
            rules:
              - name: new-admin-rule
                match: {paths: ["/admin/**"]}
                mode: audit
                require:
                  roles: {anyOf: [admin]}
              - name: enforced
                match: {paths: ["/orders/**"]}
                mode: enforce
                require:
                  roles: {anyOf: [clerk]}
            """);

    @Test
    void letsThroughWhatTheRuleWouldDenyAndSaysWhy() {
        Decision d = policy.decide(withRoles("user"), RequestView.of("GET", "/admin/users"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.auditPass()).isTrue();
        assertThat(d.reason()).isEqualTo(DenyReason.ROLES);
        assertThat(d.rule()).contains("new-admin-rule");
        assertThat(d.explain()).startsWith("ALLOW (audit mode; would DENY 403) GET /admin/users"
                + " by rule 'new-admin-rule': ROLES:");
    }

    @Test
    void letsThroughAMissingTokenToo() {
        Decision d = policy.decide(null, RequestView.of("GET", "/admin/users"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.auditPass()).isTrue();
        assertThat(d.reason()).isEqualTo(DenyReason.AUTHENTICATION);
        assertThat(d.explain()).startsWith("ALLOW (audit mode; would DENY 401)");
    }

    @Test
    void isAnOrdinaryAllowWhenTheRuleWouldAllow() {
        Decision d = policy.decide(withRoles("admin"), RequestView.of("GET", "/admin/users"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.auditPass()).isFalse();
        assertThat(d.reason()).isEqualTo(DenyReason.NONE);
    }

    @Test
    void doesNotApplyToEnforcedRules() {
        Decision d = policy.decide(withRoles("user"), RequestView.of("GET", "/orders/1"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.auditPass()).isFalse();
    }
}
