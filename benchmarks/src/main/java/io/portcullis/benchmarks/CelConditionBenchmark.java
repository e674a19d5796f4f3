package io.portcullis.benchmarks;

import io.portcullis.cel.CelConditionLanguage;
import io.portcullis.policy.PathNormalizer;
import io.portcullis.policy.RequestView;
import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.policy.spi.ConditionEvaluationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CEL condition of {@link PolicyBenchmark}'s {@code CEL} variant evaluated alone, compiled by
 * the same condition language and given the context the engine gives it for the same caller
 * and request: what the condition costs, to compare with what it adds to a decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CelConditionBenchmark {

    private Condition condition;
    private ConditionContext context;
    private Map<String, String> capturedVariables;
    private final Clock clock = Clock.systemUTC();

    /** Compiles the condition and checks that it holds for the caller's tenant only. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        this.condition = compile();
        this.context = context(PolicyFixture.TENANT);
        Map<String, String> captured = new LinkedHashMap<>();
        captured.put("tenant", PolicyFixture.TENANT);
        captured.put("id", "P-1042");
        this.capturedVariables = Collections.unmodifiableMap(captured);
        check(condition);
    }

    static Condition compile() throws Exception {
        return new CelConditionLanguage().compile(PolicyFixture.CONDITION, "benchmark", 1);
    }

    /** Returns the context of the {@code LAST} request of the 100-rule policy for a tenant. */
    static ConditionContext context(String tenant) {
        PolicyFixture fixture = PolicyFixture.of(100, /* condition= */ true);
        RequestView request = fixture.request(PolicyFixture.Position.LAST, tenant);
        return ConditionContext.of(fixture.principal(), request,
                PathNormalizer.normalize(request.rawPath()),
                Map.of("tenant", tenant, "id", "P-1042"), Instant.now());
    }

    /** Throws {@link IllegalStateException} unless the condition holds for its tenant only. */
    static void check(Condition condition) throws ConditionEvaluationException {
        if (!condition.evaluate(context(PolicyFixture.TENANT))) {
            throw new IllegalStateException("The condition refused the caller's own tenant");
        }
        if (condition.evaluate(context("globex"))) {
            throw new IllegalStateException("The condition accepted another tenant");
        }
    }

    @Benchmark
    public boolean evaluate() throws ConditionEvaluationException {
        return condition.evaluate(context);
    }

    /**
     * Makes the context for each evaluation as the engine does (the time from a clock, the path
     * variables in the unmodifiable insertion-ordered map the engine captures them in, which
     * {@code ConditionContext.of} copies), then evaluates.
     */
    @Benchmark
    public boolean evaluateWithNewContext() throws ConditionEvaluationException {
        return condition.evaluate(ConditionContext.of(context.principal(), context.request(),
                context.path(), capturedVariables, clock.instant()));
    }
}
