package io.portcullis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.IssuerSettings;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.check.PolicyCase;
import io.portcullis.policy.check.PolicyCases;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shared rule file decides as its cases say, and takes its issuer from ORDERS_ISSUER. */
class OrdersPolicyTest {

    private static final String ISSUER = "http://127.0.0.1:8080/realms/prod";

    private static Policy policy() throws PolicyLoadException {
        return PolicyLoader.builder()
                .environment(Map.of(OrdersPolicy.ISSUER_VARIABLE, ISSUER))
                .build()
                .load(OrdersPolicy.LOCATION);
    }

    @TestFactory
    Stream<DynamicTest> rulesDecideAsTheCasesSay() throws PolicyLoadException {
        PolicyCases cases = PolicyCases.load(policy(), "classpath:orders-policy-cases.yaml");
        return DynamicTest.stream(cases.stream(), PolicyCase::name, PolicyCase::check);
    }

    @Test
    void issuerComesFromTheVariable() throws PolicyLoadException {
        IssuerSettings issuer = policy().issuers().get(0);

        assertThat(policy().issuers()).hasSize(1);
        assertThat(issuer.issuer()).isEqualTo(ISSUER);
        assertThat(issuer.audiences()).containsExactly(OrdersPolicy.AUDIENCE);
    }

    @Test
    void withoutTheVariableTheFileDoesNotLoad() {
        PolicyLoader loader = PolicyLoader.builder().environment(Map.of()).build();

        assertThatThrownBy(() -> loader.load(OrdersPolicy.LOCATION))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(OrdersPolicy.ISSUER_VARIABLE);
    }
}
