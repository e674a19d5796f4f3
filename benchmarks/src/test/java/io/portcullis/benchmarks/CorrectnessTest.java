package io.portcullis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.RequestView;
import io.portcullis.policy.spi.Condition;
import io.portcullis.token.TokenPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the setup checks of every benchmark, so a library that stopped refusing bad tokens (after
 * an upgrade, say) fails the build rather than producing a fast, meaningless figure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectnessTest {

    private final Map<Algorithm, TokenFixture> fixtures = new EnumMap<>(Algorithm.class);

    private TokenFixture fixture(Algorithm algorithm) {
        return fixtures.computeIfAbsent(algorithm, TokenFixture::of);
    }

    Stream<Arguments> supportedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Library library : Library.values()) {
            for (Algorithm algorithm : Algorithm.values()) {
                if (library.supports(algorithm)) {
                    pairs.add(Arguments.of(library, algorithm));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("supportedPairs")
    void everyLibraryAcceptsTheGenuineTokenAndRefusesTheBadOnes(Library library,
            Algorithm algorithm) {
        try (Contender contender = library.checkedContender(fixture(algorithm))) {
            assertThat(contender).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theJdkFloorAcceptsOnlyTheGenuineSignature(Algorithm algorithm) {
        SignatureFloor floor = new SignatureFloor(fixture(algorithm));
        Correctness.check("per operation", floor.perOperation(), fixture(algorithm));
        Correctness.check("reused", floor.reused(), fixture(algorithm));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"RS256", "ES256", "EdDSA"})
    void bouncyCastleAcceptsOnlyTheGenuineSignature(Algorithm algorithm) {
        SignatureFloor floor = new SignatureFloor(fixture(algorithm),
                ProviderBenchmark.bouncyCastle());
        Correctness.check("BC", floor.reused(), fixture(algorithm));
    }

    @Test
    void theCheckRefusesALibraryThatAcceptsEverything() {
        Contender acceptsAll = token -> "accepted";

        assertThatThrownBy(() -> Correctness.check("lenient", acceptsAll,
                fixture(Algorithm.HS256)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tampered payload");
    }

    @Test
    void theCheckRefusesALibraryThatIgnoresTheAudience() {
        TokenFixture fixture = fixture(Algorithm.HS256);
        try (Contender portcullis = Library.PORTCULLIS.checkedContender(fixture)) {
            Contender noAudience = token -> token.equals(fixture.otherAudience()) ? "accepted"
                    : portcullis.validate(token);

            assertThatThrownBy(() -> Correctness.check("no audience", noAudience, fixture))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("other audience");
        }
    }

    @Test
    void theCheckRefusesAFloorThatAcceptsEverything() {
        assertThatThrownBy(() -> Correctness.check("lenient", (input, signature) -> true,
                fixture(Algorithm.RS256)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unsupportedPairsAreRefusedRatherThanTimed() {
        assertThatThrownBy(() -> Library.AUTH0.checkedContender(fixture(Algorithm.EdDSA)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} rules, condition {1}")
    @CsvSource({"10, false", "10, true", "100, false", "100, true", "1000, false", "1000, true"})
    void everyPolicyDecidesTheBenchmarkRequestsAsExpected(int rules, boolean condition) {
        PolicyFixture fixture = PolicyFixture.of(rules, condition);

        fixture.check(fixture.policy());
        assertThat(fixture.policy().ruleNames()).hasSize(rules);
    }

    @Test
    void theRequestsHitRulesNearTheStartInTheMiddleAndNearTheEnd() {
        PolicyFixture fixture = PolicyFixture.of(1000, false);
        List<String> names = fixture.policy().ruleNames();

        for (PolicyFixture.Position position : PolicyFixture.Position.values()) {
            Decision decision = fixture.policy().decide(fixture.principal(),
                    fixture.request(position));
            assertThat(decision.rule().map(names::indexOf))
                    .isEqualTo(position == PolicyFixture.Position.UNMATCHED ? Optional.empty()
                            : Optional.of(fixture.ruleIndex(position)));
        }
        assertThat(fixture.ruleIndex(PolicyFixture.Position.FIRST)).isEqualTo(1);
        assertThat(fixture.ruleIndex(PolicyFixture.Position.MIDDLE)).isEqualTo(500);
        assertThat(fixture.ruleIndex(PolicyFixture.Position.LAST)).isEqualTo(998);
    }

    @Test
    void thePolicyCheckRefusesAnEngineThatAllowsEverything() {
        PolicyFixture fixture = PolicyFixture.of(10, false);
        PolicyEngine allowsAll = new PolicyEngine() {
            @Override
            public Decision decide(TokenPrincipal principal, RequestView request) {
                return fixture.policy().decideRule("health", principal, request);
            }

            @Override
            public Decision decideRule(String rule, TokenPrincipal principal,
                    RequestView request) {
                return decide(principal, request);
            }

            @Override
            public boolean hasRule(String rule) {
                return true;
            }
        };

        assertThatThrownBy(() -> fixture.check(allowsAll))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrongly");
    }

    @Test
    void thePolicyCheckRefusesAPolicyWhoseConditionDoesNotRun() {
        PolicyFixture withCondition = PolicyFixture.of(10, true);
        PolicyFixture without = PolicyFixture.of(10, false);

        assertThatThrownBy(() -> withCondition.check(without.policy()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONDITION");
    }

    @Test
    void theConditionAloneHoldsForTheCallersTenantOnly() throws Exception {
        Condition condition = CelConditionBenchmark.compile();

        CelConditionBenchmark.check(condition);
        assertThat(condition.expression()).isEqualTo(PolicyFixture.CONDITION);
    }

    @Test
    void vertxCompletesTheFutureOnTheCallingThreadWithKeysInMemory() {
        TokenFixture fixture = fixture(Algorithm.RS256);
        try (VertxContender vertx = new VertxContender(fixture)) {
            assertThat(vertx.completesOnCallingThread(fixture.token())).isTrue();
        }
    }

    @Test
    void tokensAreShapedLikeKeycloakAccessTokens() {
        String token = fixture(Algorithm.RS256).token();
        String header = decode(token.split("\\.")[0]);
        String payload = decode(token.split("\\.")[1]);

        assertThat(header).contains("\"kid\"", "\"typ\":\"JWT\"", "\"alg\":\"RS256\"");
        assertThat(payload).contains("\"iss\"", "\"sub\"", "\"aud\":[", "\"azp\"", "\"exp\"",
                "\"iat\"", "\"jti\"", "\"scope\"", "\"realm_access\":{\"roles\":[",
                "\"resource_access\":{\"orders-service\":{\"roles\":[", "\"name\"",
                "\"preferred_username\"", "\"email\"", "\"typ\":\"Bearer\"");
        assertThat(payload.length()).isBetween(700, 1000);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
