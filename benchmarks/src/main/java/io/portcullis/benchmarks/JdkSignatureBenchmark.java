package io.portcullis.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor: the JDK's own {@code Signature} (or {@code Mac}) checking the signing input and
 * signature of the same token, with no parsing. ES256 signatures are converted from JOSE's R||S
 * to DER during setup, outside the timed part.
 *
 * <p>{@code perOp} makes and initializes a new {@code Signature} on each call, as the libraries
 * do; {@code reused} keeps one per thread, initialized once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JdkSignatureBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    private SignatureFloor floor;
    private SignatureFloor.Check perOperation;
    private byte[] signingInput;
    private byte[] signature;

    /** One initialized {@code Signature} for each thread. */
    @State(Scope.Thread)
    public static class Reused {
        SignatureFloor.Check check;

        @Setup(Level.Trial)
        public void setUp(JdkSignatureBenchmark benchmark) {
            check = benchmark.floor.reused();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        TokenFixture fixture = TokenFixture.of(algorithm);
        floor = new SignatureFloor(fixture);
        perOperation = floor.perOperation();
        Correctness.check("JDK Signature per operation", perOperation, fixture);
        Correctness.check("JDK Signature reused", floor.reused(), fixture);
        signingInput = fixture.signingInput();
        signature = fixture.jcaSignature();
    }

    @Benchmark
    public boolean perOp() {
        return perOperation.verify(signingInput, signature);
    }

    @Benchmark
    public boolean reused(Reused reused) {
        return reused.check.verify(signingInput, signature);
    }

    @Benchmark
    @Threads(2)
    public boolean perOpTwoThreads() {
        return perOperation.verify(signingInput, signature);
    }

    @Benchmark
    @Threads(2)
    public boolean reusedTwoThreads(Reused reused) {
        return reused.check.verify(signingInput, signature);
    }
}
