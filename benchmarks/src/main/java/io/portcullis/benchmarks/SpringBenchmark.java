package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** Spring Security's NimbusJwtDecoder (no EdDSA: Spring Security does not name it). */
public class SpringBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.SPRING;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
