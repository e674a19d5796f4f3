package io.portcullis.benchmarks;

import java.util.Arrays;
import java.util.Map;

/**
 * The check every benchmark makes before it times anything: the library accepts the genuine
 * token (twice, so a cache answers the second time) and refuses each bad one. A library that
 * accepts a bad token is misconfigured here, and its speed would mean nothing.
 */
final class Correctness {

    private Correctness() {
    }

    /** Throws {@link IllegalStateException} unless {@code contender} decides as it must. */
    static void check(String name, Contender contender, TokenFixture fixture) {
        for (int round = 1; round <= 2; round++) {
            Object accepted;
            try {
                accepted = contender.validate(fixture.token());
            } catch (Exception e) {
                throw new IllegalStateException(name + " refused the genuine "
                        + fixture.algorithm() + " token: " + e, e);
            }
            if (accepted == null) {
                throw new IllegalStateException(name + " returned nothing for the genuine "
                        + fixture.algorithm() + " token");
            }
        }
        for (Map.Entry<String, String> bad : fixture.refusedTokens().entrySet()) {
            boolean refused;
            try {
                refused = contender.validate(bad.getValue()) == null;
            } catch (Exception expected) {
                refused = true;
            }
            if (!refused) {
                throw new IllegalStateException(name + " accepted a " + fixture.algorithm()
                        + " token it must refuse (" + bad.getKey() + ")");
            }
        }
    }

    /** Throws {@link IllegalStateException} unless the floor accepts only the genuine input. */
    static void check(String name, SignatureFloor.Check floor, TokenFixture fixture) {
        byte[] signature = fixture.jcaSignature();
        if (!floor.verify(fixture.signingInput(), signature)) {
            throw new IllegalStateException(name + " refused the genuine " + fixture.algorithm()
                    + " signature");
        }
        if (floor.verify(fixture.tamperedSigningInput(), signature)) {
            throw new IllegalStateException(name + " accepted a tampered " + fixture.algorithm()
                    + " signing input");
        }
        byte[] flipped = Arrays.copyOf(signature, signature.length);
        flipped[flipped.length / 2] ^= 0x01;
        if (floor.verify(fixture.signingInput(), flipped)) {
            throw new IllegalStateException(name + " accepted a damaged " + fixture.algorithm()
                    + " signature");
        }
    }
}
