package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** Nimbus JOSE+JWT's DefaultJWTProcessor (no EdDSA: its default verifier factory has none). */
public class NimbusBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.NIMBUS;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
