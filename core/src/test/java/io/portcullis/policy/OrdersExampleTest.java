package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.check.PolicyCase;
import io.portcullis.policy.check.PolicyCases;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.token.TokenPrincipal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The example of docs/policy.md, through the public API. Core's class path has no CEL, so the
 * one condition of the example is stood in for by a Java predicate; the cel module runs the
 * same files with real CEL.
 */
class OrdersExampleTest {

    static final String OWNER_CONDITION =
            "has(token.customer_id) && path.id.startsWith(token.customer_id + '-')";

    private static boolean ownsOrder(ConditionContext context) {
        Object customer = context.principal().claims().get("customer_id");
        return customer instanceof String
                && context.pathVariables().get("id").startsWith(customer + "-");
    }

    static Policy loadExample() throws PolicyLoadException {
        return PolicyLoader.builder()
                .environment(Map.of())
                .conditionLanguage(new FixtureLanguage(
                        Map.of(OWNER_CONDITION, OrdersExampleTest::ownsOrder)))
                .build()
                .load("classpath:policies/orders.yaml");
    }

    @TestFactory
    Stream<DynamicTest> decidesEveryCaseAsTheCasesFileSays() throws Exception {
        PolicyCases cases = PolicyCases.load(loadExample(), "classpath:policies/orders-cases.yaml");

        assertThat(cases.cases()).hasSizeGreaterThan(10);
        return DynamicTest.stream(cases.stream(), PolicyCase::name, PolicyCase::check);
    }

    @Test
    void passesAllCasesInOneAssertion() throws Exception {
        PolicyCases.load(loadExample(), "classpath:policies/orders-cases.yaml").assertAllPass();
    }

    @Test
    void readsTheIssuerSectionForTheValidator() throws Exception {
        Policy policy = loadExample();

        assertThat(policy.issuers()).singleElement().satisfies(issuer -> {
            assertThat(issuer.issuer()).isEqualTo("https://127.0.0.1:8443/realms/shop");
            assertThat(issuer.audiences()).containsExactly("orders-api");
            assertThat(issuer.rolePreset()).isEqualTo(RolePreset.KEYCLOAK);
            assertThat(issuer.client()).contains("orders-service");
        });
        assertThat(policy.ruleNames()).containsExactly("health", "list-orders", "create-order",
                "read-order", "delete-order", "refund-order", "reports");
    }

    @Test
    void answersWithTheScopeAChallengeShouldName() throws Exception {
        TokenPrincipal reader = TokenPrincipal
                .builder("alice", "https://127.0.0.1:8443/realms/shop")
                .scopes(Set.of("orders:read")).build();

        Decision d = loadExample().decide(reader, RequestView.of("POST", "/orders"));

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.requiredScopes()).containsExactly("orders:write");
    }

    @Test
    void isTheExampleTheDocumentationShows() throws IOException {
        String markdown = Files.readString(Path.of("..", "docs", "policy.md"));
        Matcher block = Pattern.compile("<!-- file: (\\S+) -->\n```yaml\n(.*?)```",
                Pattern.DOTALL).matcher(markdown);
        List<String> files = new ArrayList<>();

        while (block.find()) {
            files.add(block.group(1));
            assertThat(block.group(2)).as(block.group(1))
                    .isEqualTo(Files.readString(Path.of("..", block.group(1))));
        }

        assertThat(files).containsExactly("core/src/test/resources/policies/orders.yaml",
                "core/src/test/resources/policies/orders-cases.yaml");
    }
}
