package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** Portcullis with the verified-token cache on, validating the same token: the hit path. */
public class PortcullisCacheHitBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.PORTCULLIS_CACHE_HIT;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
