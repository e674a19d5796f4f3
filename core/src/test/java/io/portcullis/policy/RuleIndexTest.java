package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index must find exactly the rule that trying every rule in file order finds: the first
 * rule whose methods and path pattern match, wherever in the tree its pattern is kept.
 */
class RuleIndexTest {

    private static final List<String> LITERALS = List.of("a", "b", "c");
    private static final List<String> METHODS = List.of("GET", "POST");

    private static CompiledRule rule(String name, Set<String> methods, String... patterns) {
        List<PathPattern> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            compiled.add(PathPattern.compile(pattern));
        }
        return new CompiledRule(name, 1, methods, compiled, CompiledRule.Grant.PUBLIC, null,
                /* audit= */ false);
    }

    private static String found(List<CompiledRule> rules, String method, String path) {
        RuleIndex.Entry entry = new RuleIndex(rules).find(method,
                PathSegments.of(PathNormalizer.normalize(path)));
        return entry == null ? null : entry.rule.name();
    }

    @Test
    void anEarlierWildcardRuleBeatsALaterLiteralOne() {
        List<CompiledRule> rules = List.of(
                rule("any-service", Set.of(), "/api/*/v1/items"),
                rule("orders", Set.of(), "/api/orders/v1/items"));

        assertThat(found(rules, "GET", "/api/orders/v1/items")).isEqualTo("any-service");
    }

    @Test
    void anEarlierLiteralRuleBeatsALaterCatchAll() {
        List<CompiledRule> rules = List.of(
                rule("items", Set.of(), "/api/orders/v1/items/{id}"),
                rule("catch-all", Set.of(), "/**"));

        assertThat(found(rules, "GET", "/api/orders/v1/items/7")).isEqualTo("items");
        assertThat(found(rules, "GET", "/api/orders/v1/other/7")).isEqualTo("catch-all");
        assertThat(found(rules, "GET", "/")).isEqualTo("catch-all");
    }

    @Test
    void aRuleForAnotherMethodLetsALaterShallowerRuleDecide() {
        List<CompiledRule> rules = List.of(
                rule("delete-item", Set.of("DELETE"), "/api/orders/v1/items/{id}"),
                rule("orders-admin", Set.of(), "/api/orders/**"),
                rule("read-item", Set.of("GET"), "/api/orders/v1/items/{id}"));

        assertThat(found(rules, "DELETE", "/api/orders/v1/items/7")).isEqualTo("delete-item");
        assertThat(found(rules, "GET", "/api/orders/v1/items/7")).isEqualTo("orders-admin");
    }

    @Test
    void theRootPatternMatchesOnlyTheRoot() {
        List<CompiledRule> rules = List.of(rule("root", Set.of(), "/"),
                rule("orders", Set.of(), "/orders"));

        assertThat(found(rules, "GET", "/")).isEqualTo("root");
        assertThat(found(rules, "GET", "/orders")).isEqualTo("orders");
        assertThat(found(rules, "GET", "/other")).isNull();
    }

    @Test
    void aRuleWithSeveralPatternsIsFoundByEach() {
        List<CompiledRule> rules = List.of(
                rule("docs", Set.of(), "/api/orders/v1/docs/**", "/openapi"),
                rule("rest", Set.of(), "/**"));

        assertThat(found(rules, "GET", "/openapi")).isEqualTo("docs");
        assertThat(found(rules, "GET", "/api/orders/v1/docs/index")).isEqualTo("docs");
        assertThat(found(rules, "GET", "/api/orders/v1")).isEqualTo("rest");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void findsWhatTryingEveryRuleInOrderFinds(long seed) {
        Random random = new Random(seed);
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int patterns = 1 + random.nextInt(2);
            String[] texts = new String[patterns];
            for (int p = 0; p < patterns; p++) {
                texts[p] = randomPattern(random);
            }
            Set<String> methods = random.nextInt(3) == 0 ? Set.of()
                    : Set.of(METHODS.get(random.nextInt(METHODS.size())));
            rules.add(rule("r" + i, methods, texts));
        }
        RuleIndex index = new RuleIndex(rules);

        for (int i = 0; i < 2_000; i++) {
            String method = METHODS.get(random.nextInt(METHODS.size()));
            PathSegments path = PathSegments.of(randomPath(random));
            RuleIndex.Entry entry = index.find(method, path);

            assertThat(entry == null ? null : entry.rule)
                    .as("%s %s", method, path.count())
                    .isSameAs(tryEveryRule(rules, method, path));
        }
    }

    private static CompiledRule tryEveryRule(List<CompiledRule> rules, String method,
            PathSegments path) {
        for (CompiledRule rule : rules) {
            for (PathPattern pattern : rule.patterns()) {
                if (rule.matchesMethod(method) && pattern.matches(path)) {
                    return rule;
                }
            }
        }
        return null;
    }

    private static String randomPattern(Random random) {
        int length = random.nextInt(5);
        StringBuilder pattern = new StringBuilder();
        boolean anyDepth = false;
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(8);
            pattern.append('/');
            if (kind == 0) {
                pattern.append('*');
            } else if (kind == 1) {
                pattern.append("{v").append(i).append('}');
            } else if (kind == 2 && !anyDepth) {
                pattern.append("**");
                anyDepth = true;
            } else {
                pattern.append(LITERALS.get(random.nextInt(LITERALS.size())));
            }
        }
        return pattern.length() == 0 ? "/" : pattern.toString();
    }

    private static String randomPath(Random random) {
        int length = random.nextInt(6);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < length; i++) {
            path.append('/').append(random.nextInt(6) == 0 ? "d"
                    : LITERALS.get(random.nextInt(LITERALS.size())));
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
