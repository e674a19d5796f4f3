package io.portcullis.cel;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.PolicySource;
import io.portcullis.policy.RequestView;
import io.portcullis.policy.check.PolicyCase;
import io.portcullis.policy.check.PolicyCases;
import io.portcullis.token.TokenPrincipal;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The example of docs/policy.md with real CEL: the files core's tests also run. */
class OrdersExampleCelTest {

    private static final Path EXAMPLES = Path.of("..", "core", "src", "test", "resources",
            "policies");

    private static Policy loadExample() throws Exception {
        return PolicyLoader.builder().environment(Map.of()).build()
                .load(PolicySource.file(EXAMPLES.resolve("orders.yaml")));
    }

    @TestFactory
    Stream<DynamicTest> decidesEveryCaseAsTheCasesFileSays() throws Exception {
        PolicyCases cases = PolicyCases.load(loadExample(),
                PolicySource.file(EXAMPLES.resolve("orders-cases.yaml")));

        return DynamicTest.stream(cases.stream(), PolicyCase::name, PolicyCase::check);
    }

    @Test
    void deniesAnOwnerCheckWithoutTheClaimAsACondition() throws Exception {
        TokenPrincipal anonymousCustomer = TokenPrincipal.builder("eve",
                "https://127.0.0.1:8443/realms/shop").build();

        Decision d = loadExample().decide(anonymousCustomer,
                RequestView.of("GET", "/orders/C1042-0007"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(DenyReason.ROLES);
        assertThat(d.explainFully())
                .contains("[FAIL] condition has(token.customer_id) && path.id.startsWith(");
    }
}
