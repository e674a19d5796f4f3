package io.portcullis.benchmarks;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full validation of one token by one library, on one thread and on two. Each subclass names the
 * library and the algorithms it supports; every fork loads one library only, so the call to
 * {@link Contender#validate} stays monomorphic.
 *
 * <p>The validator is shared by the threads of the two-thread variant, as one validator serves
 * every request thread in a service.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class LibraryBenchmark {

    Contender contender;
    String token;

    /** Returns the library measured. */
    protected abstract Library library();

    /** Returns the algorithm of this trial, from the subclass's {@code @Param}. */
    protected abstract Algorithm algorithm();

    /** Makes the key, the tokens and the library's validator, and checks its decisions. */
    @Setup(Level.Trial)
    public void setUp() {
        TokenFixture fixture = TokenFixture.of(algorithm());
        this.contender = library().checkedContender(fixture);
        this.token = fixture.token();
        prepared(fixture);
    }

    /** Lets a subclass keep more of the fixture; called at the end of {@link #setUp()}. */
    void prepared(TokenFixture fixture) {
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        contender.close();
    }

    /** Validates the genuine token. */
    @Benchmark
    public Object validate() throws Exception {
        return contender.validate(token);
    }

    /** Validates the genuine token on two threads sharing one validator. */
    @Benchmark
    @Threads(2)
    public Object validateTwoThreads() throws Exception {
        return contender.validate(token);
    }
}
