package io.portcullis.spring;

import io.portcullis.token.TokenPrincipal;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small Spring MVC service guarded by the starter, with an endpoint for every annotation and
 * every way annotations meet the policy file ({@code policies/service.yaml}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({TestService.Api.class, TestService.ClassLevel.class, TestService.Open.class,
        TestService.Admin.class, TestService.Reports.class})
public class TestService {

    /** Under {@code /api/**}, which the file leaves to any verified caller. */
    @RestController
    @RequestMapping("/api")
    public static class Api {

        @GetMapping("/plain")
        public String plain() {
            return "plain";
        }

        @GetMapping("/roles")
        @RequireRoles("admin")
        public String roles() {
            return "roles";
        }

        @GetMapping("/roles-any")
        @RequireRoles({"admin", "support"})
        public String rolesAny() {
            return "roles-any";
        }

        @GetMapping("/roles-all")
        @RequireRoles(allOf = {"admin", "auditor"})
        public String rolesAll() {
            return "roles-all";
        }

        @GetMapping("/client-role")
        @RequireRoles(client = "orders-service", value = "refund")
        public String clientRole() {
            return "client-role";
        }

        @GetMapping("/scopes")
        @RequireScopes({"orders:read", "orders:write"})
        public String scopes() {
            return "scopes";
        }

        @GetMapping("/scopes-and-roles")
        @RequireScopes("orders:write")
        @RequireRoles("clerk")
        public String scopesAndRoles() {
            return "scopes-and-roles";
        }

        @GetMapping("/roles-allowed")
        @RolesAllowed({"support", "admin"})
        public String rolesAllowed() {
            return "roles-allowed";
        }

        @GetMapping("/deny-all")
        @DenyAll
        public String denyAll() {
            return "deny-all";
        }

        @GetMapping("/permit-all")
        @PermitAll
        public String permitAll() {
            return "permit-all";
        }

        @GetMapping("/policy")
        @RequirePolicy("api")
        public String policy() {
            return "policy";
        }

        @GetMapping("/other-rule")
        @RequirePolicy("admin-area")
        public String otherRule() {
            return "other-rule";
        }

        @GetMapping("/servlet-principal")
        public String servletPrincipal(HttpServletRequest request) {
            return request.getUserPrincipal().getClass().getSimpleName() + " "
                    + request.getUserPrincipal().getName() + " " + request.isUserInRole("admin");
        }

        @GetMapping("/whoami")
        public String whoami(TokenPrincipal caller) {
            return caller.subject() + " " + new TreeSet<>(caller.roles()) + " "
                    + caller.issuer();
        }
    }

    /** Class-level roles, which a method's own annotations replace. */
    @RestController
    @RequestMapping("/api/class")
    @RequireRoles("admin")
    public static class ClassLevel {

        @GetMapping("/inherited")
        public String inherited() {
            return "inherited";
        }

        @GetMapping("/public")
        @Public
        public String open() {
            return "public";
        }

        @GetMapping("/scoped")
        @RequireScopes("orders:read")
        public String scoped() {
            return "scoped";
        }
    }

    /** Under {@code /open/**}, which the file makes public. */
    @RestController
    @RequestMapping("/open")
    public static class Open {

        @GetMapping("/hello")
        @Public
        public String hello() {
            return "hello";
        }

        @GetMapping("/roles")
        @RequireRoles("admin")
        public String roles(TokenPrincipal caller) {
            return "roles " + caller.subject();
        }

        @GetMapping("/me")
        public String me(TokenPrincipal caller) {
            return "me " + caller.subject();
        }

        @GetMapping("/report")
        @RequirePolicy("read-report")
        public String report(Optional<TokenPrincipal> caller) {
            return "report for " + caller.map(TokenPrincipal::subject).orElse("nobody");
        }

        @GetMapping("/maybe")
        public String maybe(Optional<TokenPrincipal> caller) {
            return "maybe " + caller.map(TokenPrincipal::subject).orElse("nobody");
        }
    }

    /** Under {@code /admin/**}, which the file keeps for the role admin. */
    @RestController
    @RequestMapping("/admin")
    public static class Admin {

        @GetMapping("/public")
        @Public
        public String open() {
            return "admin-public";
        }
    }

    /** The file asks for a scope, the annotation for a role: both must hold. */
    @RestController
    public static class Reports {

        @GetMapping("/reports/{id}")
        @RequireRoles("analyst")
        public String report(@PathVariable("id") String id) {
            return "report " + id;
        }
    }
}
