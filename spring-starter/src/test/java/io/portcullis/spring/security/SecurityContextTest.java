package io.portcullis.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.spring.Http;
import io.portcullis.spring.RequireRoles;
import io.portcullis.spring.TestIssuers;
import io.portcullis.spring.TestService;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.token.TokenPrincipal;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * With Spring Security and no chain of the application's own: the verified caller is the
 * request's {@code Authentication}, so method security and {@code @AuthenticationPrincipal}
 * work, and nothing asks for a password.
 */
@SpringBootTest(classes = SecurityContextTest.SecuredService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "portcullis.policy=classpath:policies/service.yaml"})
class SecurityContextTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void trustIssuer(DynamicPropertyRegistry registry) {
        TestIssuers.trust(registry, ISSUER);
    }

    private Http.Reply get(String path, String token) {
        return new Http(port).get(path, token);
    }

    @Test
    void theStarterChainReplacesSpringBootsDefault() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class))
                .containsOnlyKeys("portcullisSecurityFilterChain");

        Http.Reply anonymous = get("/open/hello", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.header("Set-Cookie")).isEmpty();
        Http.Reply refused = get("/api/plain", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challenge()).isEqualTo("Bearer realm=\"portcullis\"");
    }

    @Test
    void theAuthenticationCarriesRolesAndScopesAsAuthorities() {
        String token = ISSUER.token().subject("alice").realmRoles("admin")
                .scope("orders:read").sign();
        Http.Reply reply = get("/api/secured/authentication", token);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("TokenAuthentication alice "
                + "[ROLE_admin, SCOPE_orders:read]");
        assertThat(reply.header("Set-Cookie")).isEmpty();
    }

    @Test
    void preAuthorizeSeesTheVerifiedCaller() {
        assertThat(get("/api/secured/admin", ISSUER.token().realmRoles("admin").sign()).body())
                .isEqualTo("admin");
        assertThat(get("/api/secured/admin", ISSUER.token().realmRoles("user").sign())
                .status()).isEqualTo(403);

        String reader = ISSUER.token().scope("orders:read").sign();
        assertThat(get("/api/secured/reader", reader).body()).isEqualTo("reader");
        assertThat(get("/api/secured/reader", ISSUER.token().sign()).status()).isEqualTo(403);
    }

    @Test
    void authenticationPrincipalIsTheTokenPrincipal() {
        Http.Reply reply = get("/api/secured/me", ISSUER.token().subject("bob").sign());
        assertThat(reply.body()).isEqualTo("bob " + ISSUER.issuer());
    }

    @Test
    void aCallerVerifiedForAnAnnotationUnderAPublicRuleIsAuthenticatedToo() {
        String token = ISSUER.token().subject("carol").realmRoles("admin").sign();
        assertThat(get("/open/secured", token).body()).isEqualTo("carol");
    }

    /** The test service with method security and endpoints that read the security context. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity
    @Import({TestService.Api.class, TestService.Open.class, Secured.class})
    static class SecuredService {
    }

    @RestController
    static class Secured {

        @GetMapping("/api/secured/authentication")
        public String authentication() {
            Authentication authentication = SecurityContextHolder.getContext()
                    .getAuthentication();
            return authentication.getClass().getSimpleName() + " " + authentication.getName()
                    + " " + authentication.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .filter(a -> a.equals("ROLE_admin") || a.startsWith("SCOPE_orders"))
                            .collect(Collectors.toCollection(TreeSet::new));
        }

        @GetMapping("/api/secured/admin")
        @PreAuthorize("hasRole('admin')")
        public String admin() {
            return "admin";
        }

        @GetMapping("/api/secured/reader")
        @PreAuthorize("hasAuthority('SCOPE_orders:read')")
        public String reader() {
            return "reader";
        }

        @GetMapping("/api/secured/me")
        public String me(@AuthenticationPrincipal TokenPrincipal caller) {
            return caller.subject() + " " + caller.issuer();
        }

        @GetMapping("/open/secured")
        @RequireRoles("admin")
        public String openSecured() {
            return SecurityContextHolder.getContext().getAuthentication().getName();
        }
    }
}
