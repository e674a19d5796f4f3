package io.portcullis.policy;

import static io.portcullis.policy.Principals.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.spi.ConditionEvaluationException;
import io.portcullis.token.TokenPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How the engine runs conditions, through the service interface, without CEL. */
class ConditionTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    private final AtomicReference<io.portcullis.policy.spi.ConditionContext> seen =
            new AtomicReference<>();

    private final FixtureLanguage language = new FixtureLanguage(Map.of(
            "path.id == token.sub", ctx -> {
                seen.set(ctx);
                return ctx.pathVariables().get("id").equals(ctx.principal().subject());
            },
            "token.level > 2", ctx -> {
                Object level = ctx.principal().claims().get("level");
                if (!(level instanceof Long)) {
                    throw new ConditionEvaluationException("no such key: level");
                }
                return (Long) level > 2;
            },
            "broken()", ctx -> {
                throw new IllegalStateException("language bug");
            }));

    private final String text = """
            version: 1
            rules:
              - name: own-user
                match: {paths: ["/users/{id}"]}
                require:
                  condition: path.id == token.sub
              - name: level
                match: {paths: [/level]}
                require:
                  roles: {anyOf: [member]}
                  condition: "token.level > 2"
              - name: broken
                match: {paths: [/broken]}
                require:
                  condition: broken()
            """;

    private Policy load(Clock clock) throws PolicyLoadException {
        return PolicyLoader.builder().conditionLanguage(language).clock(clock).build()
                .parse(text, "conditions.yaml");
    }

    @Test
    void runsTheConditionWithPathVariablesAndTime() throws Exception {
        Policy policy = load(Clock.fixed(NOON, ZoneOffset.UTC));
        RequestView request = RequestView.builder("PUT", "/users/alice")
                .header("X-Tenant", "acme").build();

        Decision own = policy.decide(caller("alice").build(), request);
        Decision other = policy.decide(caller("bob").build(), request);

        assertThat(own.allowed()).isTrue();
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.reason()).isEqualTo(DenyReason.CONDITION);
        assertThat(other.explain()).contains("needs condition path.id == token.sub");
        assertThat(seen.get().now()).isEqualTo(NOON);
        assertThat(seen.get().path()).isEqualTo("/users/alice");
        assertThat(seen.get().request().header("x-tenant")).contains("acme");
    }

    @Test
    void deniesWhenTheConditionCannotBeEvaluated() throws Exception {
        Policy policy = load(Clock.systemUTC());
        TokenPrincipal withoutLevel = caller("a").roles(java.util.Set.of("member")).build();

        Decision d = policy.decide(withoutLevel, RequestView.of("GET", "/level"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.status()).isEqualTo(403);
        assertThat(d.reason()).isEqualTo(DenyReason.CONDITION_ERROR);
        assertThat(d.explain()).contains("could not be evaluated: no such key: level");
        assertThat(d.explainFully()).contains("[FAIL] condition token.level > 2 -- error:"
                + " no such key: level");
    }

    @Test
    void deniesWhenTheLanguageItselfFails() throws Exception {
        Decision d = load(Clock.systemUTC()).decide(caller("a").build(),
                RequestView.of("GET", "/broken"));

        assertThat(d.reason()).isEqualTo(DenyReason.CONDITION_ERROR);
        assertThat(d.explain()).contains("IllegalStateException: language bug");
    }

    @Test
    void runsTheConditionOnlyAfterTheCheaperChecks() throws Exception {
        Decision d = load(Clock.systemUTC()).decide(caller("a").build(),
                RequestView.of("GET", "/level"));

        assertThat(d.reason()).isEqualTo(DenyReason.ROLES);
    }

    @Test
    void placesACompileErrorAtItsLineAndColumnInTheFile() {
        String broken = """
                version: 1
                rules:
                  - name: a
                    match: {paths: [/a]}
                    require:
                      condition: "token.x !! 1"
                """;

        assertThatThrownBy(() -> PolicyLoader.builder().conditionLanguage(language).build()
                .parse(broken, "broken.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("broken.yaml:6:27: rule 'a': condition does not compile:"
                        + " unknown fixture expression");
    }

    @Test
    void placesACompileErrorInABlockScalarOnItsOwnLine() {
        String broken = """
                version: 1
                rules:
                  - name: a
                    match: {paths: [/a]}
                    require:
                      condition: |
                        token.x !! 1
                """;

        assertThatThrownBy(() -> PolicyLoader.builder().conditionLanguage(language).build()
                .parse(broken, "broken.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> {
                    assertThat(((PolicyLoadException) e).line()).isEqualTo(7);
                    assertThat(((PolicyLoadException) e).column()).isEqualTo(17);
                });
    }
}
