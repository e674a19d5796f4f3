package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application that defines its own {@link PolicyEngine} and {@link TokenValidator}: the
 * starter makes neither, and its {@link Portcullis} decides with the application's.
 */
@SpringBootTest(classes = {TestService.class, BackOffTest.OwnBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                // Ignored: the application's own beans decide.
                "portcullis.policy=classpath:policies/service.yaml",
                "portcullis.issuers[0].issuer-uri=https://sso.example.com/realms/ignored",
                "portcullis.issuers[0].discovery=true",
                "portcullis.issuers[0].audiences=orders-api"})
class BackOffTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theStarterUsesTheApplicationsBeans() {
        assertThat(context.getBeansOfType(PolicyEngine.class)).containsOnlyKeys("ownPolicy");
        assertThat(context.getBeansOfType(TokenValidator.class))
                .containsOnlyKeys("ownValidator");
        Portcullis portcullis = context.getBean(Portcullis.class);
        assertThat(portcullis.policy()).isSameAs(context.getBean("ownPolicy"));
        assertThat(portcullis.validator()).isSameAs(context.getBean("ownValidator"));
        assertThat(portcullis.validator().issuers()).extracting(IssuerConfig::issuer)
                .containsExactly(ISSUER.issuer());
    }

    @Test
    void requestsAreDecidedByTheApplicationsBeans() {
        Http http = new Http(port);
        // The application's validator wants tokens for billing-api.
        String forOrders = ISSUER.token().realmRoles("member").sign();
        Http.Reply wrongAudience = http.get("/api/plain", forOrders);
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(wrongAudience.body()).contains("\"reason\":\"audience\"");

        // The application's policy wants the role member on /api/plain.
        String nonMember = ISSUER.token().audience("billing-api").sign();
        assertThat(http.get("/api/plain", nonMember).status()).isEqualTo(403);
        String member = ISSUER.token().audience("billing-api").realmRoles("member").sign();
        assertThat(http.get("/api/plain", member).body()).isEqualTo("plain");
    }

    /** The application's own policy and validator. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        PolicyEngine ownPolicy() throws PolicyLoadException {
            return Policy.load("classpath:policies/user.yaml");
        }

        @Bean
        TokenValidator ownValidator() {
            return TokenValidator.builder()
                    .issuer(IssuerConfig.builder(ISSUER.issuer())
                            .jwksUri(ISSUER.jwksUri())
                            .audiences("billing-api")
                            .build())
                    .build();
        }
    }
}
