package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** Vert.x JWTAuth, waiting on the future authenticate returns. */
public class VertxBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.VERTX;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
