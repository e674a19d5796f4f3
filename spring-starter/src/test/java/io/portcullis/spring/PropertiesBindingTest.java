package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.Portcullis;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.policy.RequestView;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenTypePolicy;
import io.portcullis.token.TokenValidator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Every {@code portcullis.*} property reaches the validator, the policy and the gate. */
class PropertiesBindingTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class));

    @Test
    void issuerPropertiesBecomeTheValidatorsIssuers() {
        runner.withPropertyValues(
                "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                "portcullis.issuers[0].jwks-uri=" + ISSUER.jwksUri(),
                "portcullis.issuers[0].audiences=orders-api,billing-api",
                "portcullis.issuers[0].algorithms=ES256,PS256",
                "portcullis.issuers[0].token-type=access-token",
                "portcullis.issuers[0].clock-skew=15s",
                "portcullis.issuers[0].role-preset=groups",
                "portcullis.issuers[1].issuer-uri=https://sso.example.com/realms/b",
                "portcullis.issuers[1].discovery-uri=https://sso.example.com/b/openid.json",
                "portcullis.issuers[1].any-audience=true",
                "portcullis.keys.connect-timeout=700ms",
                "portcullis.keys.read-timeout=3s",
                "portcullis.keys.stale-window=2h",
                "portcullis.keys.cache-lifetime=10m",
                "portcullis.keys.min-cache-lifetime=1m",
                "portcullis.keys.max-cache-lifetime=12h",
                "portcullis.keys.refetch-cooldown=45s",
                "portcullis.keys.max-keys=20",
                "portcullis.keys.max-response-size=64KB")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TokenValidator validator = context.getBean(Portcullis.class).validator();
                    assertThat(validator.issuers()).hasSize(2);
                    IssuerConfig first = issuer(validator, ISSUER.issuer());
                    assertThat(first.keysFrom()).isEqualTo(IssuerConfig.KeysFrom.JWKS_URI);
                    assertThat(first.jwksUri()).hasValue(ISSUER.jwksUri());
                    assertThat(first.audiences()).containsExactlyInAnyOrder("orders-api",
                            "billing-api");
                    assertThat(first.algorithms()).containsExactlyInAnyOrder(
                            JWSAlgorithm.ES256, JWSAlgorithm.PS256);
                    assertThat(first.tokenType()).isEqualTo(TokenTypePolicy.ACCESS_TOKEN);
                    assertThat(first.clockSkew()).isEqualTo(Duration.ofSeconds(15));
                    assertThat(first.claimMapping().name()).isEqualTo("groups");

                    KeySourceSettings keys = first.keySourceSettings();
                    assertThat(keys.connectTimeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(keys.readTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(keys.staleWindow()).isEqualTo(Duration.ofHours(2));
                    assertThat(keys.defaultCacheLifetime()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(keys.minCacheLifetime()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(keys.maxCacheLifetime()).isEqualTo(Duration.ofHours(12));
                    assertThat(keys.refetchCooldown()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(keys.maxKeys()).isEqualTo(20);
                    assertThat(keys.maxResponseBytes()).isEqualTo(64 * 1024);

                    IssuerConfig second = issuer(validator, "https://sso.example.com/realms/b");
                    assertThat(second.keysFrom()).isEqualTo(IssuerConfig.KeysFrom.DISCOVERY);
                    assertThat(second.discoveryUri())
                            .isEqualTo(URI.create("https://sso.example.com/b/openid.json"));
                    assertThat(second.audiences()).isEmpty();
                    assertThat(second.claimMapping().name()).isEqualTo("keycloak");
                });
    }

    /** Returns the issuer of that name: the validator does not keep the configured order. */
    private static IssuerConfig issuer(TokenValidator validator, String name) {
        return validator.issuers().stream().filter(issuer -> issuer.issuer().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void environmentVariablesSetTheIssuers() {
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        Map<String, Object> variables = Map.of(
                "PORTCULLIS_ISSUERS_0_ISSUERURI", ISSUER.issuer(),
                "PORTCULLIS_ISSUERS_0_DISCOVERY", "true",
                "PORTCULLIS_ISSUERS_0_AUDIENCES", "orders-api");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                        .replace(name, new SystemEnvironmentPropertySource(name, variables)))
                .run(context -> assertThat(context.getBean(Portcullis.class).validator()
                        .issuers()).extracting(IssuerConfig::issuer)
                        .containsExactly(ISSUER.issuer()));
    }

    @Test
    void withoutIssuerPropertiesThePolicyFileNamesTheIssuers() {
        runner.withPropertyValues("portcullis.policy=classpath:policies/with-issuers.yaml",
                        "TEST_ISSUER_URL=" + ISSUER.issuer())
                .run(context -> {
                    IssuerConfig issuer = context.getBean(Portcullis.class).validator()
                            .issuers().get(0);
                    assertThat(issuer.issuer()).isEqualTo(ISSUER.issuer());
                    assertThat(issuer.keysFrom()).isEqualTo(IssuerConfig.KeysFrom.DISCOVERY);
                    assertThat(issuer.algorithmNames()).containsExactlyInAnyOrder("RS256",
                            "ES256");
                    assertThat(issuer.clockSkew()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(issuer.audiences()).containsExactly("orders-api");
                });
    }

    @Test
    void issuerPropertiesTakePrecedenceOverTheFile() {
        runner.withPropertyValues("portcullis.policy=classpath:policies/with-issuers.yaml",
                        "TEST_ISSUER_URL=https://sso.example.com/realms/file",
                        "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                        "portcullis.issuers[0].discovery=true",
                        "portcullis.issuers[0].audiences=orders-api")
                .run(context -> assertThat(context.getBean(Portcullis.class).validator()
                        .issuers()).extracting(IssuerConfig::issuer)
                        .containsExactly(ISSUER.issuer()));
    }

    @Test
    void aSharedSecretVerifiesMacTokens() {
        byte[] secret = "a shared secret of at least 32 bytes".getBytes(StandardCharsets.UTF_8);
        runner.withPropertyValues(
                        "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                        "portcullis.issuers[0].shared-secret=a shared secret of at least 32 bytes",
                        "portcullis.issuers[0].audiences=orders-api")
                .run(context -> {
                    Portcullis gate = context.getBean(Portcullis.class);
                    IssuerConfig issuer = gate.validator().issuers().get(0);
                    assertThat(issuer.keysFrom()).isEqualTo(IssuerConfig.KeysFrom.SHARED_SECRET);
                    // 36 bytes: long enough for HS256 only (RFC 7518 section 3.2).
                    assertThat(issuer.algorithmNames()).containsExactly("HS256");

                    String token = ISSUER.token().algorithm(JWSAlgorithm.HS256).hmac(secret)
                            .sign();
                    assertThat(gate.check(RequestView.builder("GET", "/x")
                            .header("Authorization", "Bearer " + token).build()).status())
                            .isEqualTo(200);
                    String forged = ISSUER.token().algorithm(JWSAlgorithm.HS256).sign();
                    assertThat(gate.check(RequestView.builder("GET", "/x")
                            .header("Authorization", "Bearer " + forged).build()).status())
                            .isEqualTo(401);
                });
    }

    @Test
    void theGateTakesRealmRetryAfterAndTokenLimits() {
        runner.withPropertyValues(
                        "portcullis.issuers[0].issuer-uri=" + ISSUER.issuer(),
                        "portcullis.issuers[0].discovery=true",
                        "portcullis.issuers[0].audiences=orders-api",
                        "portcullis.realm=orders",
                        "portcullis.max-token-length=64",
                        "portcullis.cache.verified-tokens=0")
                .run(context -> {
                    PortcullisProperties properties = context.getBean(PortcullisProperties.class);
                    assertThat(properties.getRealm()).isEqualTo("orders");
                    assertThat(properties.getMaxTokenLength()).isEqualTo(64);
                    assertThat(properties.getCache().getVerifiedTokens()).isZero();

                    Portcullis gate = context.getBean(Portcullis.class);
                    var outcome = gate.check(RequestView.builder("GET", "/x")
                            .header("Authorization", "Bearer " + ISSUER.token().sign())
                            .build());
                    // 64 characters are far too few for a signed token.
                    assertThat(outcome.status()).isEqualTo(400);
                    assertThat(outcome.headers().get("WWW-Authenticate"))
                            .startsWith("Bearer realm=\"orders\"");
                });
    }
}
