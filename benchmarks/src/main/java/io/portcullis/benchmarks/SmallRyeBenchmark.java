package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** SmallRye JWT's DefaultJWTParser. */
public class SmallRyeBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.SMALLRYE;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
