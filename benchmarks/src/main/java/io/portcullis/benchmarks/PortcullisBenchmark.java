package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Param;

/** Portcullis with the verified-token cache off: every call parses and verifies. */
public class PortcullisBenchmark extends LibraryBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public Algorithm algorithm;

    @Override
    protected Library library() {
        return Library.PORTCULLIS;
    }

    @Override
    protected Algorithm algorithm() {
        return algorithm;
    }
}
