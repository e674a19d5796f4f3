package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** jjwt parsing signed claims. */
public class JjwtBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.JJWT;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
