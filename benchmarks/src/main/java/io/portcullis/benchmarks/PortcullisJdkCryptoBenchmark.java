package io.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

/**
 * Portcullis with the verified-token cache off and BouncyCastle turned off, so that the JDK's
 * providers check ES256 and EdDSA as they do for a service without {@code bcprov} on its class
 * path. RSA and HMAC never use BouncyCastle, so only the curve algorithms are measured.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dportcullis.crypto.bouncycastle=false"})
public class PortcullisJdkCryptoBenchmark extends LibraryBenchmark {

    @Param({"ES256", "EdDSA"})
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
