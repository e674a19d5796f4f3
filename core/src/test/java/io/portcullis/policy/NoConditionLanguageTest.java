package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Core's test class path has no condition language, as a service without portcullis-cel. */
class NoConditionLanguageTest {

    @Test
    void refusesAConditionAndNamesTheArtifactToAdd() {
        String text = """
                version: 1
                rules:
                  - name: health
                    match: {paths: [/health]}
                    public: true
                  - name: own-order
                    match: {paths: ["/orders/{id}"]}
                    require:
                      scopes: {anyOf: ["orders:read"]}
                      condition: path.id in token.orders
                """;

        assertThatThrownBy(() -> PolicyLoader.defaults().parse(text, "orders.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("orders.yaml:10:18: rule 'own-order' has a condition, but no"
                        + " condition language is on the class path: add the artifact"
                        + " io.portcullis:portcullis-cel")
                .satisfies(e -> assertThat(((PolicyLoadException) e).line()).isEqualTo(10));
    }

    @Test
    void loadsAPolicyWithoutConditionsAllTheSame() throws Exception {
        Policy policy = PolicyLoader.defaults().parse("""
                version: 1
                rules:
                  - name: health
                    match: {paths: [/health]}
                    public: true
                """, "plain.yaml");

        assertThat(policy.ruleNames()).containsExactly("health");
    }
}
