package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** auth0 java-jwt (no EdDSA: the library has none). */
public class Auth0Benchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.AUTH0;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
