package io.portcullis.benchmarks;

import java.security.Provider;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * The same signatures checked by the JDK's providers and by BouncyCastle, a {@code Signature}
 * initialized once and reused, to see what the provider alone changes. BouncyCastle is passed to
 * {@code Signature.getInstance} directly and never registered, so nothing else picks it up.
 * Run the jar on another JDK to compare JDK versions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ProviderBenchmark {

    @Param({"RS256", "ES256", "EdDSA"})
    public Algorithm algorithm;

    @Param({"JDK", "BC"})
    public String provider;

    private SignatureFloor.Check check;
    private byte[] signingInput;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() {
        TokenFixture fixture = TokenFixture.of(algorithm);
        SignatureFloor floor = provider.equals("BC")
                ? new SignatureFloor(fixture, bouncyCastle())
                : new SignatureFloor(fixture);
        check = floor.reused();
        Correctness.check(provider + " Signature", check, fixture);
        signingInput = fixture.signingInput();
        signature = fixture.jcaSignature();
    }

    /** Returns a new BouncyCastle provider, not registered with the JCA. */
    static Provider bouncyCastle() {
        return new BouncyCastleProvider();
    }

    @Benchmark
    public boolean verify() {
        return check.verify(signingInput, signature);
    }
}
