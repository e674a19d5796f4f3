package io.portcullis.benchmarks;

import io.portcullis.policy.Decision;
import io.portcullis.policy.Policy;
import io.portcullis.policy.RequestView;
import io.portcullis.token.TokenPrincipal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One policy decision, {@code Policy.decide(principal, request)}, for a Keycloak user, in a
 * generated platform policy of 10, 100 or 1000 rules (see {@link PolicyFixture}). The request
 * hits a rule near the start, in the middle or near the end of the file, or matches none; the
 * rule it hits carries a CEL condition or not. The request view is built once, as an adapter
 * builds it before calling the engine, so the time is the engine's: path normalisation, rule
 * matching, path variables, the requirements and the decision.
 *
 * <p>Warm-up is 10 s: CEL's interpreter runs at 20 to 200 µs per decision until C2 has compiled
 * it, which on two busy cores takes several seconds; shorter warm-up measures the JIT.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PolicyBenchmark {

    @Param({"10", "100", "1000"})
    public int rules;

    @Param({"FIRST", "MIDDLE", "LAST", "UNMATCHED"})
    public PolicyFixture.Position request;

    /** {@code NONE}: the hit rule asks for roles, scopes and a claim; {@code CEL}: and more. */
    @Param({"NONE", "CEL"})
    public String condition;

    private Policy policy;
    private TokenPrincipal principal;
    private RequestView view;

    /** Loads the policy and checks its decisions; throws rather than time a wrong one. */
    @Setup(Level.Trial)
    public void setUp() {
        PolicyFixture fixture = PolicyFixture.of(rules, condition.equals("CEL"));
        fixture.check(fixture.policy());
        this.policy = fixture.policy();
        this.principal = fixture.principal();
        this.view = fixture.request(request);
    }

    @Benchmark
    public Decision decide() {
        return policy.decide(principal, view);
    }
}
