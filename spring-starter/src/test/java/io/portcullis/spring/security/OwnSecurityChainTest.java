package io.portcullis.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.spring.Http;
import io.portcullis.spring.TestIssuers;
import io.portcullis.spring.TestService;
import io.portcullis.testkit.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application with its own {@link SecurityFilterChain}: the starter defines none, and the
 * application's URL rules see the verified caller through {@link PortcullisSecurityConfigurer}.
 * A request must pass Portcullis and the application's chain.
 */
@SpringBootTest(classes = OwnSecurityChainTest.ServiceWithChain.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "portcullis.policy=classpath:policies/service.yaml"})
class OwnSecurityChainTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void trustIssuer(DynamicPropertyRegistry registry) {
        TestIssuers.trust(registry, ISSUER);
    }

    @Test
    void theApplicationsChainIsTheOnlyOne() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("api");
    }

    @Test
    void theApplicationsRulesSeeTheVerifiedCaller() {
        Http http = new Http(port);
        // @RequireRoles({"admin", "support"}) lets an admin through; the chain wants support.
        String admin = ISSUER.token().realmRoles("admin").sign();
        assertThat(http.get("/api/roles-any", admin).status()).isEqualTo(403);
        String support = ISSUER.token().realmRoles("support").sign();
        assertThat(http.get("/api/roles-any", support).body()).isEqualTo("roles-any");
        // Portcullis refuses first: the chain never sees a request without a token.
        Http.Reply anonymous = http.get("/api/roles-any", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.challenge()).isEqualTo("Bearer realm=\"portcullis\"");
    }

    /** The test service with a security chain of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestService.Api.class)
    static class ServiceWithChain {

        @Bean
        SecurityFilterChain api(HttpSecurity http) {
            return http
                    .with(PortcullisSecurityConfigurer.portcullis(), Customizer.withDefaults())
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/api/roles-any").hasRole("support")
                            .anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
