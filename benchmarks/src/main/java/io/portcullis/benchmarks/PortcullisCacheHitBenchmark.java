package io.portcullis.benchmarks;

import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Portcullis with the verified-token cache on, validating the same token: the hit path.
 *
 * <p>{@code validate} passes the same {@code String} every time, whose hash code the JVM keeps
 * after the first lookup. A service gets each token as a new {@code String} from the request, so
 * every lookup hashes the whole token: {@code validateNewCopy} measures that, copying the token
 * into a new {@code String} on each call, and {@code newCopyOnly} measures the copy alone.
 */
public class PortcullisCacheHitBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    private byte[] tokenBytes;

    @Override
    protected Library library() {
        return Library.PORTCULLIS_CACHE_HIT;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }

    @Override
    void prepared(TokenFixture fixture) {
        tokenBytes = fixture.token().getBytes(StandardCharsets.US_ASCII);
    }

    /** Validates a new copy of the token, as a token read from a request arrives. */
    @Benchmark
    public Object validateNewCopy() throws Exception {
        return contender.validate(new String(tokenBytes, StandardCharsets.US_ASCII));
    }

    /** Only copies the token, to subtract from {@link #validateNewCopy()}. */
    @Benchmark
    public String newCopyOnly() {
        return new String(tokenBytes, StandardCharsets.US_ASCII);
    }
}
