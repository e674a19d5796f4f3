package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.Requirement;
import io.portcullis.token.TokenPrincipal;
import jakarta.annotation.security.DenyAll;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** The core requirements a controller method's annotations turn into. */
class HandlerRequirementTest {

    @Test
    void namesAreTakenLiterally() throws Exception {
        assertThat(of(new Handlers(), "odd").requirements).containsExactly(
                Requirement.allRoles("${HOME}", "a\"b\\c", "x: [y]"));
    }

    @Test
    void everyAnnotationOfOneLevelAddsARequirement() throws Exception {
        assertThat(of(new Handlers(), "several").requirements).containsExactly(
                Requirement.rule("api"),
                Requirement.anyScope("orders:read"),
                Requirement.allScopes("orders:write"),
                Requirement.anyClientRole("orders-service", "refund"),
                Requirement.allClientRoles("orders-service", "audit"));
    }

    @Test
    void aMethodsAnnotationsReplaceItsClasss() throws Exception {
        assertThat(of(new Admins(), "inherited").requirements)
                .containsExactly(Requirement.anyRole("admin"));
        assertThat(of(new Admins(), "scoped").requirements)
                .containsExactly(Requirement.anyScope("orders:read"));
        assertThat(of(new Admins(), "open").isEmpty()).isTrue();
    }

    @Test
    void aPrincipalParameterNeedsACallerUnlessARequirementAlreadyDoes() throws Exception {
        assertThat(of(new Handlers(), "caller").requirements)
                .containsExactly(Requirement.authenticated());
        assertThat(of(new Handlers(), "ruleAndCaller").requirements)
                .containsExactly(Requirement.rule("open"), Requirement.authenticated());
        assertThat(of(new Handlers(), "rolesAndCaller").requirements)
                .containsExactly(Requirement.anyRole("admin"));
        assertThat(of(new Handlers(), "maybeCaller").isEmpty()).isTrue();
    }

    @Test
    void denyAllIsOneRequirement() throws Exception {
        assertThat(of(new Handlers(), "nobody").requirements)
                .containsExactly(Requirement.denyAll());
    }

    @Test
    void aBlankClientIsAContradiction() {
        assertThatThrownBy(() -> of(new Handlers(), "blankClient"))
                .isInstanceOf(PortcullisConfigurationException.class)
                .hasMessageContaining("@RequireRoles(client) is blank");
    }

    private static HandlerRequirement of(Object bean, String name) throws Exception {
        for (var method : bean.getClass().getMethods()) {
            if (method.getName().equals(name)) {
                return HandlerRequirement.of(new HandlerMethod(bean, method));
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** Controller methods with one annotation set each. */
    static class Handlers {
        @RequireRoles(allOf = {"${HOME}", "a\"b\\c", "x: [y]"})
        public String odd() {
            return "odd";
        }

        @RequirePolicy("api")
        @RequireScopes(value = "orders:read", allOf = "orders:write")
        @RequireRoles(client = "orders-service", value = "refund", allOf = "audit")
        public String several() {
            return "several";
        }

        public String caller(TokenPrincipal caller) {
            return caller.subject();
        }

        @RequirePolicy("open")
        public String ruleAndCaller(TokenPrincipal caller) {
            return caller.subject();
        }

        @RequireRoles("admin")
        public String rolesAndCaller(TokenPrincipal caller) {
            return caller.subject();
        }

        public String maybeCaller(Optional<TokenPrincipal> caller) {
            return caller.map(TokenPrincipal::subject).orElse("nobody");
        }

        @DenyAll
        public String nobody() {
            return "nobody";
        }

        @RequireRoles(client = " ", value = "refund")
        public String blankClient() {
            return "blank";
        }
    }

    /** Class-level roles, which a method's own annotations replace. */
    @RequireRoles("admin")
    static class Admins {
        public String inherited() {
            return "inherited";
        }

        @RequireScopes("orders:read")
        public String scoped() {
            return "scoped";
        }

        @Public
        public String open() {
            return "open";
        }
    }
}
