package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import io.portcullis.policy.Policy;
import io.portcullis.policy.RequestView;
import io.portcullis.token.TokenPrincipal;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** Names in annotations are taken literally by the one-rule policies made from them. */
class RequirementPoliciesTest {

    private final RequirementPolicies policies = new RequirementPolicies(Clock.systemUTC());

    @Test
    void aRoleNameIsNeverReadAsAPlaceholderOrAsJson() throws Exception {
        Policy policy = policies.policyFor(HandlerRequirement.of(new HandlerMethod(
                new Odd(), Odd.class.getMethod("odd"))));

        assertThat(decide(policy, Set.of("${HOME}", "a\"b\\c", "x: [y]")).allowed()).isTrue();
        assertThat(decide(policy, Set.of(System.getProperty("user.home"))).allowed()).isFalse();
        Decision partial = decide(policy, Set.of("${HOME}"));
        assertThat(partial.allowed()).isFalse();
        assertThat(partial.reason()).isEqualTo(DenyReason.ROLES);
        assertThat(partial.rule()).hasValue("Odd#odd");
    }

    private static Decision decide(Policy policy, Set<String> roles) {
        TokenPrincipal principal = TokenPrincipal.builder("alice", "https://issuer.example")
                .roles(roles).build();
        return policy.decide(principal, RequestView.of("GET", "/anything"));
    }

    /** A controller with names full of characters that mean something in YAML and JSON. */
    static class Odd {
        @RequireRoles(allOf = {"${HOME}", "a\"b\\c", "x: [y]"})
        public String odd() {
            return "odd";
        }
    }
}
