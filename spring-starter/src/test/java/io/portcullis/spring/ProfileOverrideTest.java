package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerServer;
import io.portcullis.token.IssuerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code issuers.yml} trusts a development issuer and {@code issuers-prod.yml} a production
 * one; with the profile {@code prod}, the production list replaces the other as a whole while
 * the rule file stays the same.
 */
@SpringBootTest(classes = TestService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.config.name=issuers"})
@ActiveProfiles("prod")
@DirtiesContext
class ProfileOverrideTest {

    static final TestIssuerServer SERVER = TestIssuerServer.start();
    static final TestIssuer DEV = SERVER.addIssuer(TestIssuer.builder().realm("dev")
            .tokenDefaults(t -> t.audience(TestIssuers.AUDIENCE)));
    static final TestIssuer PROD = SERVER.addIssuer(TestIssuer.builder().realm("prod")
            .tokenDefaults(t -> t.audience(TestIssuers.AUDIENCE)));

    @LocalServerPort
    int port;

    @Autowired
    Portcullis portcullis;

    @Autowired
    PortcullisProperties properties;

    @DynamicPropertySource
    static void issuers(DynamicPropertyRegistry registry) {
        registry.add("test.issuers.dev", DEV::issuer);
        registry.add("test.issuers.prod", PROD::issuer);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void theProfileReplacesTheIssuerList() {
        assertThat(properties.getIssuers()).hasSize(1);
        List<IssuerConfig> trusted = portcullis.validator().issuers();
        assertThat(trusted).extracting(IssuerConfig::issuer).containsExactly(PROD.issuer());
        assertThat(trusted.get(0).clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(trusted.get(0).claimMapping().name()).isEqualTo("roles");
    }

    @Test
    void tokensOfTheReplacedIssuerAreRefused() {
        Http http = new Http(port);
        assertThat(http.get("/api/plain", PROD.token().sign()).status()).isEqualTo(200);

        Http.Reply dev = http.get("/api/plain", DEV.token().sign());
        assertThat(dev.status()).isEqualTo(401);
        assertThat(dev.body()).contains("\"reason\":\"issuer\"");
    }

    @Test
    void theRolePresetOfTheProfileReadsRoles() {
        Http http = new Http(port);
        String topLevelRoles = PROD.token().claim("roles", List.of("admin")).sign();
        assertThat(http.get("/api/roles", topLevelRoles).status()).isEqualTo(200);

        String keycloakRoles = PROD.token().realmRoles("admin").sign();
        assertThat(http.get("/api/roles", keycloakRoles).status()).isEqualTo(403);
    }
}
