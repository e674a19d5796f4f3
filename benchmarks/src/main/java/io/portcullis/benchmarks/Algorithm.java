package io.portcullis.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;

/** The JWS algorithms measured (RFC 7518 section 3.1, RFC 8037 section 3.1). */
public enum Algorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key. */
    RS256(JWSAlgorithm.RS256, "SHA256withRSA"),
    /** ECDSA with P-256 and SHA-256. */
    ES256(JWSAlgorithm.ES256, "SHA256withECDSA"),
    /** EdDSA with Ed25519. */
    EdDSA(JWSAlgorithm.EdDSA, "Ed25519"),
    /** HMAC with SHA-256 and a 32-byte secret. */
    HS256(JWSAlgorithm.HS256, "HmacSHA256");

    private final JWSAlgorithm jws;
    private final String jcaName;

    Algorithm(JWSAlgorithm jws, String jcaName) {
        this.jws = jws;
        this.jcaName = jcaName;
    }

    /** Returns the algorithm as Nimbus names it. */
    public JWSAlgorithm jws() {
        return jws;
    }

    /** Returns the JCA name of the {@code Signature} (or, for HS256, the {@code Mac}). */
    public String jcaName() {
        return jcaName;
    }

    /** Returns if this is a MAC, checked with a shared secret rather than a public key. */
    public boolean isMac() {
        return this == HS256;
    }
}
