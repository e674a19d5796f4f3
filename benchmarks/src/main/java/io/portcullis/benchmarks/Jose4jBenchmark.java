package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** jose4j's JwtConsumer. */
public class Jose4jBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.JOSE4J;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
